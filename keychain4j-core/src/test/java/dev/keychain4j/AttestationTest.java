package dev.keychain4j;

import static dev.keychain4j.contract.KeychainContract.PASSPHRASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attestation chains of keychain keys, checked with OpenSSL's path validation and by decoding the
 * KeyDescription with BouncyCastle. The Android verifier's checks are in keychain4j-testing.
 */
class AttestationTest {
  static final String KEY_DESCRIPTION_OID = "1.3.6.1.4.1.11129.2.1.17";

  @TempDir Path temp;
  Keychain keychain;

  @BeforeEach
  void createKeychain() throws Exception {
    keychain = Keychain.create(temp.resolve("keychain"), PASSPHRASE);
  }

  @AfterEach
  void closeKeychain() {
    keychain.close();
  }

  @Test
  void everyAlgorithmChainVerifiesWithOpenssl() throws Exception {
    for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
      KeyParameters parameters =
          algorithm == KeyAlgorithm.X25519
              ? KeyParameters.builder(algorithm).purposes(Purpose.AGREE_KEY).build()
              : dev.keychain4j.contract.KeychainContract.signing(algorithm);
      String tag = algorithm.cliName();
      keychain.generateKey(tag, parameters);

      List<X509Certificate> chain = keychain.attest(tag, "challenge".getBytes(StandardCharsets.UTF_8));

      assertThat(chain).as(tag).hasSize(3);
      assertThat(chain.get(0).getPublicKey().getEncoded()).as(tag).isEqualTo(keychain.publicKey(tag).getEncoded());
      assertOpensslVerifies(chain);
    }
  }

  @Test
  void attestKeyChainVerifiesWithOpenssl() throws Exception {
    keychain.generateKey("attest", KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.ATTEST_KEY).build());
    keychain.generateKey("rsa-attest", KeyParameters.builder(KeyAlgorithm.RSA_2048).purposes(Purpose.ATTEST_KEY).build());
    keychain.generateKey("signer", dev.keychain4j.contract.KeychainContract.signing(KeyAlgorithm.ED25519));

    for (String attestKey : List.of("attest", "rsa-attest")) {
      List<X509Certificate> chain = keychain.attest("signer", new byte[] {1, 2, 3}, attestKey);

      assertThat(chain).as(attestKey).hasSize(4);
      assertThat(chain.get(1).getPublicKey().getEncoded()).isEqualTo(keychain.publicKey(attestKey).getEncoded());
      assertThat(chain.get(0).getIssuerX500Principal()).isEqualTo(chain.get(1).getSubjectX500Principal());
      assertOpensslVerifies(chain);
    }
  }

  @Test
  void attestKeyWithoutPurposeIsRejected() throws Exception {
    keychain.generateKey("signer", dev.keychain4j.contract.KeychainContract.signing(KeyAlgorithm.EC_P256));

    assertThatThrownBy(() -> keychain.attest("signer", new byte[0], "signer"))
        .isInstanceOf(IncompatiblePurposeException.class)
        .hasMessageContaining("attest-key");
  }

  @Test
  void attestKeyPurposeMustStandAlone() {
    KeyParameters.Builder builder =
        KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.ATTEST_KEY, Purpose.SIGN);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("attest-key cannot be combined");
  }

  @Test
  void attestKeyCannotSignData() throws Exception {
    keychain.generateKey("attest", KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.ATTEST_KEY).build());

    assertThatThrownBy(() -> keychain.sign("attest", SignatureSpec.ecdsa(Digest.SHA256), new byte[] {1}))
        .isInstanceOf(IncompatiblePurposeException.class);
  }

  @Test
  void attestKeyUsesCountAgainstItsLimit() throws Exception {
    keychain.generateKey(
        "attest",
        KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.ATTEST_KEY).usageLimit(1).build());
    keychain.generateKey("signer", dev.keychain4j.contract.KeychainContract.signing(KeyAlgorithm.EC_P256));

    keychain.attest("signer", new byte[0], "attest");

    assertThatThrownBy(() -> keychain.attest("signer", new byte[0], "attest"))
        .isInstanceOf(ItemNotFoundException.class);
  }

  @Test
  void challengeOf128BytesIsAccepted() throws Exception {
    keychain.generateKey("key", dev.keychain4j.contract.KeychainContract.signing(KeyAlgorithm.EC_P256));

    List<X509Certificate> chain = keychain.attest("key", new byte[128]);

    assertThat(challengeOf(chain.get(0))).hasSize(128);
  }

  @Test
  void challengeOf129BytesIsRejected() throws Exception {
    keychain.generateKey("key", dev.keychain4j.contract.KeychainContract.signing(KeyAlgorithm.EC_P256));

    assertThatThrownBy(() -> keychain.attest("key", new byte[129]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("129 bytes")
        .hasMessageContaining("at most 128");
  }

  @Test
  void softwareEnclaveReportsSoftwareLevel() throws Exception {
    keychain.generateKey("key", dev.keychain4j.contract.KeychainContract.signing(KeyAlgorithm.EC_P256));

    ASN1Sequence description = keyDescription(keychain.attest("key", new byte[] {7}).get(0));

    assertThat(ASN1Integer.getInstance(description.getObjectAt(0)).intValueExact()).isEqualTo(400);
    assertThat(ASN1Enumerated.getInstance(description.getObjectAt(1)).intValueExact()).isZero();
    assertThat(ASN1Integer.getInstance(description.getObjectAt(2)).intValueExact()).isEqualTo(400);
    assertThat(ASN1Enumerated.getInstance(description.getObjectAt(3)).intValueExact()).isZero();
    assertThat(ASN1Sequence.getInstance(description.getObjectAt(6)).size()).isPositive();
    assertThat(ASN1Sequence.getInstance(description.getObjectAt(7)).size()).isZero();
  }

  @Test
  void rootSurvivesReopening() throws Exception {
    X509Certificate root = keychain.attestationRoot();
    keychain.close();

    keychain = Keychain.open(temp.resolve("keychain"), PASSPHRASE);

    assertThat(keychain.attestationRoot()).isEqualTo(root);
    assertThat(root.getSubjectX500Principal()).isEqualTo(root.getIssuerX500Principal());
  }

  @Test
  void attestationKeysAreNotItems() throws Exception {
    assertThat(keychain.query(ItemQuery.all())).isEmpty();
  }

  @Test
  void editedAttestationKeyIsCorrupted() throws Exception {
    keychain.generateKey("key", dev.keychain4j.contract.KeychainContract.signing(KeyAlgorithm.EC_P256));
    keychain.close();
    try (Connection connection =
            DriverManager.getConnection("jdbc:sqlite:" + temp.resolve("keychain").resolve("keychain.db"));
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE meta SET value = (SELECT value FROM meta WHERE name = 'attestation_root_key')"
                    + " WHERE name = 'attestation_key'")) {
      assertThat(update.executeUpdate()).isEqualTo(1);
    }

    keychain = Keychain.open(temp.resolve("keychain"), PASSPHRASE);

    assertThatThrownBy(keychain::verifyIntegrity).isInstanceOf(KeyCorruptedException.class);
    assertThatThrownBy(() -> keychain.attest("key", new byte[0])).isInstanceOf(KeyCorruptedException.class);
  }

  @Test
  void missingKeyIsNotFound() {
    assertThatThrownBy(() -> keychain.attest("absent", new byte[0]))
        .isInstanceOf(ItemNotFoundException.class)
        .hasMessageContaining("absent");
  }

  static byte[] challengeOf(X509Certificate leaf) throws IOException {
    return ASN1OctetString.getInstance(keyDescription(leaf).getObjectAt(4)).getOctets();
  }

  static ASN1Sequence keyDescription(X509Certificate leaf) throws IOException {
    byte[] extension = leaf.getExtensionValue(KEY_DESCRIPTION_OID);
    assertThat(extension).as("KeyDescription extension").isNotNull();
    return ASN1Sequence.getInstance(
        ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(extension).getOctets()));
  }

  private void assertOpensslVerifies(List<X509Certificate> chain) throws Exception {
    Path root = Files.writeString(temp.resolve("root.pem"), pem(List.of(chain.get(chain.size() - 1))));
    Path intermediates = Files.writeString(temp.resolve("intermediates.pem"), pem(chain.subList(1, chain.size() - 1)));
    Path leaf = Files.writeString(temp.resolve("leaf.pem"), pem(List.of(chain.get(0))));

    Result result = openssl("verify", "-CAfile", root.toString(), "-untrusted", intermediates.toString(), leaf.toString());

    assertThat(result.exitCode).as("openssl verify:%n%s", result.output).isZero();
    assertThat(result.output).contains("leaf.pem: OK");
  }

  static String pem(List<X509Certificate> certificates) throws Exception {
    StringBuilder text = new StringBuilder();
    for (X509Certificate certificate : certificates) {
      text.append("-----BEGIN CERTIFICATE-----\n")
          .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded()))
          .append("\n-----END CERTIFICATE-----\n");
    }
    return text.toString();
  }

  private record Result(int exitCode, String output) {}

  private Result openssl(String... arguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(arguments));
    Process process;
    try {
      process = new ProcessBuilder(command).directory(temp.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("openssl is not installed: install it (apt-get install openssl) to run this test", e);
    }
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }
}
