package dev.keychain4j.jca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyInfo;
import dev.keychain4j.Keychain;
import dev.keychain4j.Purpose;
import dev.keychain4j.SecurityLevel;
import dev.keychain4j.pkcs11.Pkcs11Element;
import dev.keychain4j.pkcs11.Pkcs11ElementProvider;
import dev.keychain4j.pkcs11.SoftHsm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mutual TLS through the provider with client keys on a SoftHSM2 token. The keychains use the
 * PKCS#11 element, so the token signs the client's CertificateVerify message.
 */
abstract class AbstractPkcs11TlsTest extends InstalledProvider {
  @TempDir static Path directory;
  static TestPki pki;
  static Map<String, Keychain> keychains;

  @BeforeAll
  static void createTokenIdentities() throws Exception {
    SoftHsm.ensureToken();
    Files.createDirectories(directory.resolve("pki"));
    pki = new TestPki(directory.resolve("pki"));
    pki.issueSoftwareKey("server", "ec");

    // One keychain per identity, so that the key manager has a single client key to choose.
    keychains =
        Map.of(
            "ec", tokenKeychainWithIdentity("ec", KeyAlgorithm.EC_P256),
            "rsa", tokenKeychainWithIdentity("rsa", KeyAlgorithm.RSA_2048));
  }

  private static Keychain tokenKeychainWithIdentity(String identity, KeyAlgorithm algorithm) throws Exception {
    Keychain keychain =
        Keychain.create(
            directory.resolve(identity),
            Pkcs11Element.NAME,
            Map.of(Pkcs11ElementProvider.LIBRARY, SoftHsm.LIBRARY, Pkcs11ElementProvider.TOKEN_LABEL, SoftHsm.LABEL),
            SoftHsm.PIN.toCharArray());
    String tag = identity + "-identity";
    TestKeychains.generate(keychain, tag, algorithm, Purpose.SIGN);
    keychain.importCertificateChain(tag, pki.certifyKeychainKey(keychain, tag, tag));
    return keychain;
  }

  @AfterAll
  static void closeKeychains() {
    if (keychains != null) {
      keychains.values().forEach(Keychain::close);
    }
  }

  @ParameterizedTest(name = "{0} identity")
  @ValueSource(strings = {"ec", "rsa"})
  void identityKeyLivesOnToken(String identity) throws Exception {
    Keychain keychain = keychains.get(identity);
    KeyInfo key = keychain.keyInfo(identity + "-identity");

    assertThat(keychain.status().elementName()).isEqualTo(Pkcs11Element.NAME);
    assertThat(key.securityLevel()).isEqualTo(SecurityLevel.SOFTWARE);
    assertThat(key.elementEnforced().purposes()).containsExactly(Purpose.SIGN);
  }

  @ParameterizedTest(name = "{0} token key, {1}")
  @CsvSource({"ec, TLSv1.3", "ec, TLSv1.2", "rsa, TLSv1.3", "rsa, TLSv1.2"})
  void tokenClientAgainstOpensslServer(String identity, String protocol) throws Exception {
    MutualTls.clientAgainstOpensslServer(
        pki, TestKeychains.keyStore(keychains.get(identity)), leafOf(identity), identity + "-identity", protocol);
  }

  @ParameterizedTest(name = "{0} token key, {1}")
  @CsvSource({"ec, TLSv1.3", "ec, TLSv1.2", "rsa, TLSv1.3", "rsa, TLSv1.2"})
  void tokenClientAgainstJavaServer(String identity, String protocol) throws Exception {
    MutualTls.clientAgainstJavaServer(pki, TestKeychains.keyStore(keychains.get(identity)), leafOf(identity), protocol);
  }

  private static X509Certificate leafOf(String identity) throws Exception {
    return keychains.get(identity).certificateChain(identity + "-identity").get(0);
  }
}
