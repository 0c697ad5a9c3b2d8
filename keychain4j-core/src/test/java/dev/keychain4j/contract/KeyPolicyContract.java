package dev.keychain4j.contract;

import static dev.keychain4j.contract.KeychainContract.MESSAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keychain4j.Digest;
import dev.keychain4j.IncompatibleDigestException;
import dev.keychain4j.IncompatiblePaddingException;
import dev.keychain4j.IncompatiblePurposeException;
import dev.keychain4j.ItemNotFoundException;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyCorruptedException;
import dev.keychain4j.KeyExpiredException;
import dev.keychain4j.KeyNotYetValidException;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.Keychain;
import dev.keychain4j.KeychainException;
import dev.keychain4j.Padding;
import dev.keychain4j.Purpose;
import dev.keychain4j.SignatureSpec;
import dev.keychain4j.UsageLimitExhaustedException;
import dev.keychain4j.internal.AuthorizationCodec;
import dev.keychain4j.spi.KeyBinding;
import dev.keychain4j.spi.SecureElement;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each authorization refused with its own exception, and stored authorizations that were edited,
 * on every secure element: each element's test module has a subclass with its {@link
 * ElementFixture}.
 */
public abstract class KeyPolicyContract {
  static final SignatureSpec ECDSA_SHA256 = SignatureSpec.ecdsa(Digest.SHA256);

  @TempDir Path temp;
  protected Path directory;
  protected Keychain keychain;

  /** Returns the element under test. */
  protected abstract ElementFixture fixture();

  @BeforeEach
  public void createKeychain() throws Exception {
    directory = temp.resolve("keychain");
    keychain = fixture().create(directory);
  }

  @AfterEach
  public void closeKeychain() {
    keychain.close();
  }

  private KeyParameters.Builder ec() {
    return KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.SIGN, Purpose.VERIFY);
  }

  @Test
  public void wrongPurposeRejected() throws Exception {
    keychain.generateKey("verify-only", ec().purposes(Purpose.VERIFY).build());
    keychain.generateKey(
        "agree", KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.AGREE_KEY).build());

    assertThatThrownBy(() -> keychain.sign("verify-only", ECDSA_SHA256, MESSAGE))
        .isInstanceOf(IncompatiblePurposeException.class)
        .hasMessageContaining("'verify-only'")
        .hasMessageContaining("sign");
    assertThatThrownBy(() -> keychain.verify("agree", ECDSA_SHA256, MESSAGE, new byte[8]))
        .isInstanceOf(IncompatiblePurposeException.class);
  }

  @Test
  public void wrongDigestRejected() throws Exception {
    keychain.generateKey("k", ec().digests(Digest.SHA384).build());

    assertThatThrownBy(() -> keychain.sign("k", ECDSA_SHA256, MESSAGE))
        .isInstanceOf(IncompatibleDigestException.class)
        .hasMessageContaining("sha256")
        .hasMessageContaining("sha384");
  }

  @Test
  public void digestNoneRejectedUnlessAllowed() throws Exception {
    keychain.generateKey("default-digests", ec().build());
    byte[] hash = new byte[32];

    assertThatThrownBy(() -> keychain.sign("default-digests", SignatureSpec.ecdsa(Digest.NONE), hash))
        .isInstanceOf(IncompatibleDigestException.class)
        .hasMessageContaining("'default-digests'")
        .hasMessageContaining("none");
  }

  @Test
  public void digestNoneRejectsLongInput() throws Exception {
    keychain.generateKey("prehashed", ec().digests(Digest.NONE).build());
    SignatureSpec none = SignatureSpec.ecdsa(Digest.NONE);

    assertThat(keychain.sign("prehashed", none, new byte[SignatureSpec.MAX_ECDSA_NONE_INPUT_LENGTH])).isNotEmpty();
    assertThatThrownBy(() -> keychain.sign("prehashed", none, new byte[SignatureSpec.MAX_ECDSA_NONE_INPUT_LENGTH + 1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("65 bytes")
        .hasMessageContaining("at most 64");
  }

  @Test
  public void digestNoneRejectedForCertificationRequest() throws Exception {
    keychain.generateKey("prehashed", ec().digests(Digest.NONE, Digest.SHA256).build());

    assertThatThrownBy(() -> keychain.createCsr("prehashed", "CN=test", Digest.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("digest none")
        .hasMessageContaining("sha256");
  }

  @Test
  public void attestKeyWithOnlyDigestNoneRejected() throws Exception {
    keychain.generateKey("subject", ec().build());
    keychain.generateKey(
        "attest-none",
        KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.ATTEST_KEY).digests(Digest.NONE).build());

    assertThatThrownBy(() -> keychain.attest("subject", new byte[0], "attest-none"))
        .isInstanceOf(IncompatibleDigestException.class)
        .hasMessageContaining("'attest-none'");
  }

  @Test
  public void wrongPaddingRejected() throws Exception {
    keychain.generateKey(
        "rsa",
        KeyParameters.builder(KeyAlgorithm.RSA_2048)
            .purposes(Purpose.SIGN)
            .paddings(Padding.RSA_PSS)
            .build());

    assertThatThrownBy(() -> keychain.sign("rsa", SignatureSpec.rsaPkcs1(Digest.SHA256), MESSAGE))
        .isInstanceOf(IncompatiblePaddingException.class)
        .hasMessageContaining("pkcs1");
  }

  @Test
  public void schemeOfOtherAlgorithmRejected() throws Exception {
    keychain.generateKey("ec", ec().build());

    assertThatThrownBy(() -> keychain.sign("ec", SignatureSpec.rsaPss(Digest.SHA256), MESSAGE))
        .isInstanceOf(IncompatiblePaddingException.class)
        .hasMessageContaining("ec-p256");
  }

  @Test
  public void beforeActiveFromRejected() throws Exception {
    keychain.generateKey("k", ec().activeFrom(Instant.now().plus(Duration.ofHours(1))).build());

    assertThatThrownBy(() -> keychain.sign("k", ECDSA_SHA256, MESSAGE))
        .isInstanceOf(KeyNotYetValidException.class)
        .hasMessageContaining("'k'");
  }

  @Test
  public void originationEndLimitsSigningOnly() throws Exception {
    keychain.generateKey("k", ec().originationEnd(Instant.now().minus(Duration.ofHours(1))).build());

    assertThatThrownBy(() -> keychain.sign("k", ECDSA_SHA256, MESSAGE))
        .isInstanceOf(KeyExpiredException.class)
        .hasMessageContaining("origination end");
    assertThat(keychain.verify("k", ECDSA_SHA256, MESSAGE, new byte[8])).isFalse();
  }

  @Test
  public void consumptionEndLimitsVerifyOnly() throws Exception {
    keychain.generateKey("k", ec().consumptionEnd(Instant.now().minus(Duration.ofHours(1))).build());

    byte[] signature = keychain.sign("k", ECDSA_SHA256, MESSAGE);

    assertThatThrownBy(() -> keychain.verify("k", ECDSA_SHA256, MESSAGE, signature))
        .isInstanceOf(KeyExpiredException.class)
        .hasMessageContaining("consumption end");
  }

  @Test
  public void consumptionEndLimitsDecryptAndAgreement() throws Exception {
    Instant past = Instant.now().minus(Duration.ofHours(1));
    keychain.generateKey(
        "rsa",
        KeyParameters.builder(KeyAlgorithm.RSA_2048)
            .purposes(Purpose.ENCRYPT, Purpose.DECRYPT)
            .consumptionEnd(past)
            .build());
    KeyAlgorithm agreement =
        fixture().algorithms().contains(KeyAlgorithm.X25519) ? KeyAlgorithm.X25519 : KeyAlgorithm.EC_P256;
    keychain.generateKey(
        "x", KeyParameters.builder(agreement).purposes(Purpose.AGREE_KEY).consumptionEnd(past).build());

    byte[] ciphertext = keychain.encrypt("rsa", Digest.SHA256, MESSAGE);

    assertThatThrownBy(() -> keychain.decrypt("rsa", Digest.SHA256, ciphertext))
        .isInstanceOf(KeyExpiredException.class);
    assertThatThrownBy(() -> keychain.agree("x", keychain.publicKey("x")))
        .isInstanceOf(KeyExpiredException.class);
  }

  @Test
  public void usageLimitCountsDownAndDeletesKey() throws Exception {
    keychain.generateKey("k", ec().usageLimit(2).build());

    keychain.sign("k", ECDSA_SHA256, MESSAGE);
    assertThat(keychain.keyInfo("k").remainingUses()).hasValue(1);
    keychain.sign("k", ECDSA_SHA256, MESSAGE);

    assertThatThrownBy(() -> keychain.keyInfo("k")).isInstanceOf(ItemNotFoundException.class);
    assertThatThrownBy(() -> keychain.sign("k", ECDSA_SHA256, MESSAGE))
        .isInstanceOf(ItemNotFoundException.class);
  }

  @Test
  public void exhaustedCounterRejected() throws Exception {
    keychain.generateKey("k", ec().usageLimit(3).build());
    // A counter at zero is normally deleted with its key; one that a crash or a restored backup
    // left behind must still be refused.
    setCounter("k", 0, counterMacFor("k", 0));

    try (Keychain reopened = Keychain.open(directory, fixture().secret())) {
      assertThatThrownBy(() -> reopened.sign("k", ECDSA_SHA256, MESSAGE))
          .isInstanceOf(UsageLimitExhaustedException.class)
          .hasMessageContaining("'k'");
    }
  }

  @Test
  public void failedOperationKeepsCount() throws Exception {
    keychain.generateKey("k", ec().digests(Digest.SHA384).usageLimit(2).build());

    assertThatThrownBy(() -> keychain.sign("k", ECDSA_SHA256, MESSAGE))
        .isInstanceOf(IncompatibleDigestException.class);
    assertThat(keychain.keyInfo("k").remainingUses()).hasValue(2);

    keychain.generateKey(
        "rsa",
        KeyParameters.builder(KeyAlgorithm.RSA_2048).purposes(Purpose.DECRYPT).usageLimit(2).build());
    assertThatThrownBy(() -> keychain.decrypt("rsa", Digest.SHA256, new byte[256]))
        .isInstanceOf(KeychainException.class);
    assertThat(keychain.keyInfo("rsa").remainingUses()).hasValue(2);
  }

  @Test
  public void publicKeyOperationsDoNotCount() throws Exception {
    keychain.generateKey("k", ec().usageLimit(2).build());
    byte[] signature = keychain.sign("k", ECDSA_SHA256, MESSAGE);

    assertThat(keychain.verify("k", ECDSA_SHA256, MESSAGE, signature)).isTrue();

    assertThat(keychain.keyInfo("k").remainingUses()).hasValue(1);
  }

  @Test
  public void raisedUsageLimitMakesKeyCorrupted() throws Exception {
    keychain.generateKey("k", ec().usageLimit(1).build());
    KeyParameters raised = ec().usageLimit(1000).build();
    execute("UPDATE items SET authorizations = ? WHERE tag = 'k'", AuthorizationCodec.encode(raised));

    try (Keychain reopened = Keychain.open(directory, fixture().secret())) {
      assertThatThrownBy(() -> reopened.sign("k", ECDSA_SHA256, MESSAGE))
          .isInstanceOf(KeyCorruptedException.class)
          .hasMessageContaining("'k'");
      assertThatThrownBy(reopened::verifyIntegrity).isInstanceOf(KeyCorruptedException.class);
    }
  }

  @Test
  public void editedPurposeMakesKeyCorrupted() throws Exception {
    keychain.generateKey("k", ec().purposes(Purpose.VERIFY).build());
    execute(
        "UPDATE items SET authorizations = ? WHERE tag = 'k'",
        AuthorizationCodec.encode(ec().purposes(Purpose.SIGN, Purpose.VERIFY).build()));

    try (Keychain reopened = Keychain.open(directory, fixture().secret())) {
      assertThatThrownBy(() -> reopened.sign("k", ECDSA_SHA256, MESSAGE))
          .isInstanceOf(KeyCorruptedException.class);
    }
  }

  @Test
  public void editedAuthorizationSeenByOpenKeychain() throws Exception {
    keychain.generateKey("k", ec().usageLimit(5).build());
    keychain.sign("k", ECDSA_SHA256, MESSAGE);

    execute(
        "UPDATE items SET authorizations = ? WHERE tag = 'k'",
        AuthorizationCodec.encode(ec().usageLimit(500).build()));

    assertThatThrownBy(() -> keychain.sign("k", ECDSA_SHA256, MESSAGE))
        .isInstanceOf(KeyCorruptedException.class);
  }

  @Test
  public void editOfCachedKeySeenByOpenKeychain() throws Exception {
    keychain.generateKey("k", ec().purposes(Purpose.VERIFY).build());
    keychain.generateKey("signer", ec().build());
    keychain.sign("signer", ECDSA_SHA256, MESSAGE);

    execute(
        "UPDATE items SET authorizations = ? WHERE tag = 'k'",
        AuthorizationCodec.encode(ec().purposes(Purpose.SIGN, Purpose.VERIFY).build()));
    Thread.sleep(2 * Keychain.CHANGE_CHECK_INTERVAL_MILLIS);

    assertThatThrownBy(() -> keychain.sign("k", ECDSA_SHA256, MESSAGE))
        .isInstanceOf(KeyCorruptedException.class);
    assertThat(keychain.sign("signer", ECDSA_SHA256, MESSAGE)).isNotEmpty();
  }

  @Test
  public void garbageAuthorizationsMakeKeyCorrupted() throws Exception {
    keychain.generateKey("k", ec().build());
    execute("UPDATE items SET authorizations = ? WHERE tag = 'k'", new byte[] {1, 1, 1});

    try (Keychain reopened = Keychain.open(directory, fixture().secret())) {
      assertThatThrownBy(() -> reopened.keyInfo("k")).isInstanceOf(KeyCorruptedException.class);
    }
  }

  @Test
  public void emptySealedKeyMakesKeyCorrupted() throws Exception {
    keychain.generateKey("k", ec().build());
    execute("UPDATE items SET key_reference = x'' WHERE tag = 'k'");

    try (Keychain reopened = Keychain.open(directory, fixture().secret())) {
      assertThatThrownBy(() -> reopened.sign("k", ECDSA_SHA256, MESSAGE))
          .isInstanceOf(KeyCorruptedException.class)
          .hasMessageContaining("'k'");
    }
  }

  @Test
  public void raisedCounterMakesKeyCorrupted() throws Exception {
    keychain.generateKey("k", ec().usageLimit(3).build());
    keychain.sign("k", ECDSA_SHA256, MESSAGE);
    byte[] macOfTwo = counterMacFor("k", 2);
    setCounter("k", 3, macOfTwo);

    try (Keychain reopened = Keychain.open(directory, fixture().secret())) {
      assertThatThrownBy(() -> reopened.sign("k", ECDSA_SHA256, MESSAGE))
          .isInstanceOf(KeyCorruptedException.class)
          .hasMessageContaining("usage counter");
      assertThatThrownBy(() -> reopened.keyInfo("k"))
          .isInstanceOf(KeyCorruptedException.class)
          .hasMessageContaining("usage counter");
    }
  }

  @Test
  public void counterOfOtherKeyRejected() throws Exception {
    keychain.generateKey("a", ec().usageLimit(3).build());
    keychain.generateKey("b", ec().usageLimit(3).build());
    setCounter("a", 3, counterMacFor("b", 3));

    try (Keychain reopened = Keychain.open(directory, fixture().secret())) {
      assertThatThrownBy(() -> reopened.sign("a", ECDSA_SHA256, MESSAGE))
          .isInstanceOf(KeyCorruptedException.class);
    }
  }

  @Test
  public void sealedKeyMovedToOtherTagRejected() throws Exception {
    keychain.generateKey("a", ec().build());
    keychain.generateKey("b", ec().build());
    execute(
        "UPDATE items SET key_reference = (SELECT key_reference FROM items WHERE tag = 'a')"
            + " WHERE tag = 'b'");

    try (Keychain reopened = Keychain.open(directory, fixture().secret())) {
      assertThatThrownBy(() -> reopened.sign("b", ECDSA_SHA256, MESSAGE))
          .isInstanceOf(KeyCorruptedException.class);
    }
  }

  @Test
  public void replacedPublicKeyMakesKeyCorrupted() throws Exception {
    keychain.generateKey("pk", ec().build());
    keychain.generateKey("attacker", ec().build());
    byte[] attackerSignature = keychain.sign("attacker", ECDSA_SHA256, MESSAGE);
    execute(
        "UPDATE items SET public_key = (SELECT public_key FROM items WHERE tag = 'attacker')"
            + " WHERE tag = 'pk'");

    try (Keychain reopened = Keychain.open(directory, fixture().secret())) {
      assertThatThrownBy(() -> reopened.publicKey("pk"))
          .isInstanceOf(KeyCorruptedException.class)
          .hasMessageContaining("'pk'");
      assertThatThrownBy(() -> reopened.verify("pk", ECDSA_SHA256, MESSAGE, attackerSignature))
          .isInstanceOf(KeyCorruptedException.class);
      assertThatThrownBy(() -> reopened.createCsr("pk", "CN=pk", Digest.SHA256))
          .isInstanceOf(KeyCorruptedException.class);
      assertThatThrownBy(() -> reopened.keyInfo("pk")).isInstanceOf(KeyCorruptedException.class);
      assertThatThrownBy(() -> reopened.sign("pk", ECDSA_SHA256, MESSAGE))
          .isInstanceOf(KeyCorruptedException.class);
      assertThat(reopened.verify("attacker", ECDSA_SHA256, MESSAGE, attackerSignature)).isTrue();
    }
  }

  @Test
  public void certificateForReplacedPublicKeyRejected() throws Exception {
    keychain.generateKey("pk", ec().build());
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair attacker = generator.generateKeyPair();
    X509Certificate certificate = selfSigned(attacker);
    execute("UPDATE items SET public_key = ? WHERE tag = 'pk'", attacker.getPublic().getEncoded());

    try (Keychain reopened = Keychain.open(directory, fixture().secret())) {
      assertThatThrownBy(() -> reopened.importCertificateChain("pk", List.of(certificate)))
          .isInstanceOf(KeyCorruptedException.class)
          .hasMessageContaining("'pk'");
      assertThat(reopened.certificateChain("pk")).isEmpty();
    }
  }

  @Test
  public void replacedPublicKeySeenByOpenKeychain() throws Exception {
    keychain.generateKey("pk", ec().build());
    keychain.generateKey("attacker", ec().build());
    byte[] attackerSignature = keychain.sign("attacker", ECDSA_SHA256, MESSAGE);
    keychain.sign("pk", ECDSA_SHA256, MESSAGE);

    execute(
        "UPDATE items SET public_key = (SELECT public_key FROM items WHERE tag = 'attacker')"
            + " WHERE tag = 'pk'");
    Thread.sleep(2 * Keychain.CHANGE_CHECK_INTERVAL_MILLIS);

    assertThatThrownBy(() -> keychain.verify("pk", ECDSA_SHA256, MESSAGE, attackerSignature))
        .isInstanceOf(KeyCorruptedException.class);
    assertThatThrownBy(() -> keychain.publicKey("pk")).isInstanceOf(KeyCorruptedException.class);
  }

  @Test
  public void publicKeyOfEveryAlgorithmMatchesItsPrivateKey() throws Exception {
    for (KeyAlgorithm algorithm :
        new KeyAlgorithm[] {
          KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384, KeyAlgorithm.EC_P521, KeyAlgorithm.ED25519,
          KeyAlgorithm.X25519, KeyAlgorithm.RSA_2048
        }) {
      if (!fixture().algorithms().contains(algorithm)) {
        continue;
      }
      String tag = algorithm.cliName();
      Purpose purpose = algorithm == KeyAlgorithm.X25519 ? Purpose.AGREE_KEY : Purpose.VERIFY;
      keychain.generateKey(tag, KeyParameters.builder(algorithm).purposes(purpose).build());

      try (Keychain reopened = Keychain.open(directory, fixture().secret())) {
        assertThat(reopened.publicKey(tag).getEncoded()).isEqualTo(keychain.publicKey(tag).getEncoded());
      }
    }
  }

  @Test
  public void editedAuthorizationsFailKeyInfo() throws Exception {
    keychain.generateKey("t1", ec().usageLimit(1).build());
    execute(
        "UPDATE items SET authorizations = ? WHERE tag = 't1'",
        AuthorizationCodec.encode(ec().usageLimit(1000).build()));

    try (Keychain reopened = Keychain.open(directory, fixture().secret())) {
      assertThatThrownBy(() -> reopened.keyInfo("t1"))
          .isInstanceOf(KeyCorruptedException.class)
          .hasMessageContaining("'t1'");
    }
  }

  @Test
  public void editedRemainingUsesFailKeyInfo() throws Exception {
    keychain.generateKey("t2", ec().usageLimit(5).build());
    keychain.sign("t2", ECDSA_SHA256, MESSAGE);
    execute("UPDATE items SET remaining_uses = 5 WHERE tag = 't2'");

    try (Keychain reopened = Keychain.open(directory, fixture().secret())) {
      assertThatThrownBy(() -> reopened.keyInfo("t2"))
          .isInstanceOf(KeyCorruptedException.class)
          .hasMessageContaining("'t2'");
    }
  }

  @Test
  public void editedSecretRejected() throws Exception {
    keychain.putSecret("s", new byte[] {1, 2, 3}, null);
    execute("UPDATE items SET data = substr(data, 1, length(data) - 1) || x'00' WHERE tag = 's'");

    assertThatThrownBy(() -> keychain.secret("s"))
        .isInstanceOf(KeyCorruptedException.class)
        .hasMessageContaining("'s'");
  }

  private static X509Certificate selfSigned(KeyPair pair) throws Exception {
    Instant now = Instant.now();
    X500Name name = new X500Name("CN=attacker");
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name, BigInteger.ONE, Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)), name, pair.getPublic());
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
  }

  /** Computes a valid counter authenticator with the element, as a rollback or a bug could leave. */
  private byte[] counterMacFor(String tag, int remaining) throws Exception {
    long id;
    try (Connection connection = connect();
        PreparedStatement select = connection.prepareStatement("SELECT id FROM items WHERE tag = ?")) {
      select.setString(1, tag);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        id = rows.getLong(1);
      }
    }
    try (SecureElement element = fixture().openElement(directory)) {
      return element.authenticateCounter(new KeyBinding(tag, id), remaining).authenticator();
    }
  }

  private void setCounter(String tag, int remaining, byte[] mac) throws Exception {
    try (Connection connection = connect();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE items SET remaining_uses = ?, counter_mac = ? WHERE tag = ?")) {
      update.setInt(1, remaining);
      update.setBytes(2, mac);
      update.setString(3, tag);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }

  private void execute(String sql, byte[]... parameters) throws Exception {
    try (Connection connection = connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setBytes(i + 1, parameters[i]);
      }
      assertThat(statement.executeUpdate()).isEqualTo(1);
    }
  }

  private Connection connect() throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("keychain.db"));
  }
}
