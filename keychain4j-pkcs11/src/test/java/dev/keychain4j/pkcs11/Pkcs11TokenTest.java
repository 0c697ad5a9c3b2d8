package dev.keychain4j.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keychain4j.ItemClass;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.Keychain;
import dev.keychain4j.KeychainException;
import dev.keychain4j.Purpose;
import dev.keychain4j.WrongPassphraseException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the keychain leaves on the token, checked with OpenSC's pkcs11-tool as an outside view. */
class Pkcs11TokenTest {
  @TempDir Path temp;
  Keychain keychain;

  @BeforeEach
  void createKeychain() throws Exception {
    keychain = Pkcs11Fixture.INSTANCE.create(temp.resolve("keychain"));
  }

  @AfterEach
  void closeKeychain() {
    keychain.close();
  }

  @Test
  void privateKeysNeverExtractable() throws Exception {
    List<String> tags = new ArrayList<>();
    for (KeyAlgorithm algorithm :
        List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384, KeyAlgorithm.ED25519, KeyAlgorithm.RSA_2048)) {
      String tag = "attr-" + algorithm.cliName();
      keychain.generateKey(tag, KeyParameters.builder(algorithm).purposes(Purpose.SIGN).build());
      tags.add(tag);
    }

    String listing = pkcs11Tool("--list-objects", "--type", "privkey");

    for (String tag : tags) {
      String object = objectBlock(listing, "Private Key Object", tag);
      assertThat(object)
          .as(tag)
          .contains("label:      " + tag)
          .containsPattern("Access:\\s+sensitive, always sensitive, never extractable, local");
      assertThat(object).as(tag).containsPattern("Usage:\\s+sign");
    }
  }

  @Test
  void purposesBecomeTokenUsageFlags() throws Exception {
    keychain.generateKey(
        "decrypt-only", KeyParameters.builder(KeyAlgorithm.RSA_2048).purposes(Purpose.DECRYPT).build());
    keychain.generateKey(
        "agree-only", KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.AGREE_KEY).build());

    String listing = pkcs11Tool("--list-objects", "--type", "privkey");

    assertThat(objectBlock(listing, "Private Key Object", "decrypt-only"))
        .containsPattern("Usage:\\s+decrypt\\s*\\n");
    assertThat(objectBlock(listing, "Private Key Object", "agree-only"))
        .containsPattern("Usage:\\s+derive\\s*\\n");
  }

  @Test
  void deletedKeyLeavesTheToken() throws Exception {
    keychain.generateKey("gone", KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.SIGN).build());
    assertThat(pkcs11Tool("--list-objects")).contains("label:      gone");

    keychain.delete(ItemClass.KEY, "gone");

    assertThat(pkcs11Tool("--list-objects")).doesNotContain("label:      gone");
  }

  @Test
  void algorithmTheElementLacksIsRefusedByName() {
    assertThatThrownBy(
            () -> keychain.generateKey(
                "x", KeyParameters.builder(KeyAlgorithm.X25519).purposes(Purpose.AGREE_KEY).build()))
        .isInstanceOf(UnsupportedAlgorithmException.class)
        .hasMessageContaining("x25519")
        .hasMessageContaining(SoftHsm.LABEL);
  }

  @Test
  void wrongPinRejected() throws Exception {
    keychain.close();

    assertThatThrownBy(() -> Keychain.open(temp.resolve("keychain"), "000000".toCharArray()))
        .isInstanceOf(WrongPassphraseException.class)
        .hasMessageContaining("PIN")
        .hasMessageNotContaining("000000");
    keychain = Keychain.open(temp.resolve("keychain"), SoftHsm.PIN.toCharArray());
  }

  @Test
  void unknownTokenLabelRejectedWithTheLabelsFound() {
    Map<String, String> options =
        Map.of(Pkcs11ElementProvider.LIBRARY, SoftHsm.LIBRARY, Pkcs11ElementProvider.TOKEN_LABEL, "no-such-token");

    assertThatThrownBy(() -> Keychain.create(temp.resolve("other"), Pkcs11Element.NAME, options, SoftHsm.PIN.toCharArray()))
        .isInstanceOf(KeychainException.class)
        .hasMessageContaining("no-such-token")
        .hasMessageContaining(SoftHsm.LABEL);
  }

  @Test
  void missingOptionRejected() {
    Map<String, String> options = Map.of(Pkcs11ElementProvider.LIBRARY, SoftHsm.LIBRARY);

    assertThatThrownBy(() -> Keychain.create(temp.resolve("other"), Pkcs11Element.NAME, options, SoftHsm.PIN.toCharArray()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Pkcs11ElementProvider.TOKEN_LABEL);
  }

  static String pkcs11Tool(String... arguments) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("pkcs11-tool", "--module", SoftHsm.LIBRARY, "--token-label", SoftHsm.LABEL,
            "--login", "--pin", SoftHsm.PIN));
    command.addAll(List.of(arguments));
    return SoftHsm.run(command.toArray(new String[0]));
  }

  /** Returns the pkcs11-tool block of the object of {@code kind} with the label. */
  static String objectBlock(String listing, String kind, String label) {
    for (String block : listing.split("(?=\\n[A-Z][A-Za-z ]+ Object;)|(?=^[A-Z][A-Za-z ]+ Object;)")) {
      if (block.strip().startsWith(kind) && block.contains("label:      " + label + "\n")) {
        return block;
      }
    }
    throw new AssertionError("No " + kind + " labelled '" + label + "' in:\n" + listing);
  }
}
