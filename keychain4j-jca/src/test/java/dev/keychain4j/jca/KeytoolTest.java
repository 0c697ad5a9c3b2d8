package dev.keychain4j.jca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.Keychain;
import dev.keychain4j.Purpose;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK's keytool lists a keychain through the provider, loaded with {@code -providerclass} and
 * {@code -providerpath} and given a properties file as key store. keytool adds the provider itself,
 * last in the list, so this test does not install it.
 */
class KeytoolTest {
  @TempDir Path directory;

  @Test
  void keytoolListsKeychainEntries() throws Exception {
    Files.createDirectories(directory.resolve("pki"));
    TestPki pki = new TestPki(directory.resolve("pki"));
    Path keychainDirectory = directory.resolve("keychain");
    try (Keychain keychain = TestKeychains.withIdentity(keychainDirectory, pki, "tls-client", KeyAlgorithm.EC_P256)) {
      TestKeychains.generate(keychain, "signing-key", KeyAlgorithm.ED25519, Purpose.SIGN);
      keychain.putCertificate("test-ca", pki.caCertificate, null);
    }
    Path properties = directory.resolve("keychain.properties");
    Files.writeString(properties, "keychain=" + keychainDirectory + "\n");

    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            // The keytool launcher resolves only java.base, and the keychain's SQLite driver needs
            // java.sql.
            "-J--add-modules=java.sql",
            "-list", "-v", "-storetype", "Keychain4j", "-keystore", properties.toString(), "-storepass",
            new String(TestKeychains.PASSPHRASE), "-providerclass", Keychain4jProvider.class.getName(),
            "-providerpath", testClassPath());
    Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output;
    try {
      output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
    } finally {
      keytool.destroyForcibly();
    }

    assertThat(keytool.exitValue()).as(output).isZero();
    assertThat(output).contains("Your keystore contains 3 entries");
    assertThat(output).contains("Alias name: tls-client").contains("Entry type: PrivateKeyEntry");
    assertThat(output).contains("Certificate chain length: 2").contains("Owner: CN=tls-client");
    assertThat(output).contains("Alias name: signing-key");
    assertThat(output).doesNotContain("SecretKeyEntry");
    assertThat(output).contains("Alias name: test-ca").contains("Entry type: trustedCertEntry");
  }

  /** Returns the class path of this test run: the provider, the keychain and their dependencies. */
  private static String testClassPath() {
    // Surefire starts tests through a manifest-only jar, and names the real class path here.
    String surefire = System.getProperty("surefire.test.class.path");
    String classPath = surefire != null ? surefire : System.getProperty("java.class.path");
    return String.join(File.pathSeparator, classPath.split(File.pathSeparator));
  }
}
