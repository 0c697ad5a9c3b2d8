package dev.keychain4j.pkcs11;

import static dev.keychain4j.pkcs11.Pkcs11TokenTest.pkcs11Tool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keychain4j.Digest;
import dev.keychain4j.IncompatiblePurposeException;
import dev.keychain4j.ItemClass;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.Keychain;
import dev.keychain4j.Purpose;
import dev.keychain4j.SignatureSpec;
import dev.keychain4j.UnmanagedObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys that another program made on the token, taken into a keychain; objects that do not pair. */
class Pkcs11AdoptionTest {
  static final byte[] MESSAGE = "adopted".getBytes(StandardCharsets.UTF_8);

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

  private static String newId() {
    byte[] id = new byte[8];
    new SecureRandom().nextBytes(id);
    return HexFormat.of().formatHex(id);
  }

  /** Makes a P-256 key pair with pkcs11-tool, which marks the private key sensitive and sign-only here. */
  private static String outsideKeyPair(String label) throws Exception {
    String id = newId();
    pkcs11Tool("--keypairgen", "--key-type", "EC:prime256v1", "--id", id, "--label", label, "--usage-sign",
        "--private", "--sensitive");
    return id;
  }

  @Test
  void outsideKeyIsListedAdoptedAndSigns() throws Exception {
    keychain.generateKey("own", KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.SIGN).build());
    String id = outsideKeyPair("outside-signer");

    assertThat(keychain.unmanagedObjects())
        .filteredOn(object -> object.id().equals(id))
        .singleElement()
        .satisfies(object -> {
          assertThat(object.kind()).isEqualTo(UnmanagedObject.Kind.PRIVATE_KEY);
          assertThat(object.labelText()).contains("outside-signer");
          assertThat(object.keyAlgorithm()).contains(KeyAlgorithm.EC_P256);
          assertThat(object.adoptable()).as(object.reason()).isTrue();
        });
    assertThat(keychain.unmanagedObjects()).extracting(UnmanagedObject::labelText).doesNotContain(java.util.Optional.of("own"));

    keychain.adoptKey(
        "adopted", id, KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.SIGN, Purpose.VERIFY).build());

    SignatureSpec spec = SignatureSpec.ecdsa(Digest.SHA256);
    byte[] signature = keychain.sign("adopted", spec, MESSAGE);
    assertThat(keychain.verify("adopted", spec, MESSAGE, signature)).isTrue();
    assertThat(keychain.unmanagedObjects()).extracting(UnmanagedObject::id).doesNotContain(id);

    // Deleting an adopted key from the keychain leaves the key that someone else made on the token.
    keychain.delete(ItemClass.KEY, "adopted");
    assertThat(keychain.unmanagedObjects()).extracting(UnmanagedObject::id).contains(id);
  }

  @Test
  void adoptionWithMismatchedPurposesRejected() throws Exception {
    String id = outsideKeyPair("outside-purposes");

    assertThatThrownBy(
            () -> keychain.adoptKey(
                "adopted", id,
                KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.SIGN, Purpose.AGREE_KEY).build()))
        .isInstanceOf(IncompatiblePurposeException.class)
        .hasMessageContaining("CKA_DERIVE");
    assertThatThrownBy(
            () -> keychain.adoptKey(
                "adopted", id, KeyParameters.builder(KeyAlgorithm.EC_P384).purposes(Purpose.SIGN).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ec-p256");
  }

  @Test
  void unpairedCertificateIsReported() throws Exception {
    Path der = temp.resolve("cert.der");
    Process openssl =
        new ProcessBuilder(
                "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", temp.resolve("key.pem").toString(), "-subj", "/CN=unpaired", "-days", "1",
                "-outform", "DER", "-out", der.toString())
            .redirectErrorStream(true)
            .start();
    openssl.getInputStream().readAllBytes();
    assertThat(openssl.waitFor()).isZero();
    String id = newId();
    pkcs11Tool("--write-object", der.toString(), "--type", "cert", "--id", id, "--label", "lonely-cert");

    assertThat(keychain.unmanagedObjects())
        .filteredOn(object -> object.id().equals(id))
        .singleElement()
        .satisfies(object -> {
          assertThat(object.kind()).isEqualTo(UnmanagedObject.Kind.CERTIFICATE);
          assertThat(object.adoptable()).isFalse();
          assertThat(object.reason()).contains("no private key");
        });
    assertThat(Files.size(der)).isPositive();
  }
}
