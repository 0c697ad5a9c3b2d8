package dev.keychain4j.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keychain4j.KeychainException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Attributes that a token does not have for an object: skipped when optional, named when required. */
class TokenAttributeTest {
  /** A vendor-defined attribute type that SoftHSM2 answers with CKR_ATTRIBUTE_TYPE_INVALID. */
  static final long UNKNOWN_ATTRIBUTE = 0x8000_1234L;

  Token token;

  @BeforeEach
  void openToken() throws Exception {
    SoftHsm.ensureToken();
    token = Token.open(SoftHsm.LIBRARY, SoftHsm.LABEL, SoftHsm.PIN.toCharArray());
  }

  @AfterEach
  void closeToken() {
    token.close();
  }

  private long anySecretKey(Token.Session session) throws KeychainException {
    List<Long> keys = session.find(new Token.Template().ulong(Ck.CKA_CLASS, Ck.CKO_SECRET_KEY));
    if (!keys.isEmpty()) {
      return keys.get(0);
    }
    return session.generateKey(
        Token.mechanism(Ck.CKM_AES_KEY_GEN, null, 0),
        new Token.Template()
            .ulong(Ck.CKA_CLASS, Ck.CKO_SECRET_KEY)
            .ulong(Ck.CKA_KEY_TYPE, Ck.CKK_AES)
            .ulong(Ck.CKA_VALUE_LEN, 32)
            .bool(Ck.CKA_TOKEN, false)
            .bool(Ck.CKA_SENSITIVE, true));
  }

  @Test
  void unknownOptionalAttributeIsEmpty() throws Exception {
    boolean present =
        token.withSession(session -> session.attribute(anySecretKey(session), UNKNOWN_ATTRIBUTE).isPresent());

    assertThat(present).isFalse();
  }

  @Test
  void sensitiveValueIsEmpty() throws Exception {
    boolean present =
        token.withSession(session -> session.attribute(anySecretKey(session), Ck.CKA_VALUE).isPresent());

    assertThat(present).isFalse();
  }

  @Test
  void missingRequiredAttributeIsNamed() {
    assertThatThrownBy(
            () -> token.withSession(session -> session.requiredAttribute(anySecretKey(session), Ck.CKA_EC_POINT)))
        .isInstanceOf(KeychainException.class)
        .hasMessageContaining("CKA_EC_POINT")
        .hasMessageContaining(SoftHsm.LABEL);
  }
}
