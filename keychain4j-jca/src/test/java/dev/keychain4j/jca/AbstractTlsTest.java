package dev.keychain4j.jca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.Keychain;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * TLS with keychain identities through the standard JSSE key managers, against openssl and the
 * JDK's own TLS server: keychain keys as client keys (mutual TLS) and as server keys.
 */
abstract class AbstractTlsTest extends InstalledProvider {
  private static final int TIMEOUT_MILLIS = MutualTls.TIMEOUT_MILLIS;

  @TempDir static Path directory;
  static TestPki pki;
  static Map<String, Keychain> keychains;

  @BeforeAll
  static void createIdentities() throws Exception {
    Files.createDirectories(directory.resolve("pki"));
    pki = new TestPki(directory.resolve("pki"));
    keychains =
        Map.of(
            "ec",
            TestKeychains.withIdentity(directory.resolve("ec"), pki, "ec-identity", KeyAlgorithm.EC_P256),
            "rsa",
            TestKeychains.withIdentity(directory.resolve("rsa"), pki, "rsa-identity", KeyAlgorithm.RSA_2048),
            "ed25519",
            TestKeychains.withIdentity(directory.resolve("ed25519"), pki, "ed25519-identity", KeyAlgorithm.ED25519));
    pki.issueSoftwareKey("server", "ec");
    pki.issueSoftwareKey("client", "ec");
  }

  @AfterAll
  static void closeKeychains() {
    keychains.values().forEach(Keychain::close);
  }

  @ParameterizedTest(name = "{0} client key, {1}")
  @CsvSource({"ec, TLSv1.3", "ec, TLSv1.2", "rsa, TLSv1.3", "rsa, TLSv1.2", "ed25519, TLSv1.3"})
  void keychainClientAgainstJavaServer(String identity, String protocol) throws Exception {
    MutualTls.clientAgainstJavaServer(pki, TestKeychains.keyStore(keychains.get(identity)), leafOf(identity), protocol);
  }

  @ParameterizedTest(name = "{0} client key, {1}")
  @CsvSource({"ec, TLSv1.3", "ec, TLSv1.2", "rsa, TLSv1.3", "rsa, TLSv1.2", "ed25519, TLSv1.3"})
  void keychainClientAgainstOpensslServer(String identity, String protocol) throws Exception {
    MutualTls.clientAgainstOpensslServer(
        pki, TestKeychains.keyStore(keychains.get(identity)), leafOf(identity), identity + "-identity", protocol);
  }

  @ParameterizedTest(name = "{0} server key, {1}")
  @CsvSource({"ec, TLSv1.3", "ec, TLSv1.2", "rsa, TLSv1.3", "rsa, TLSv1.2", "ed25519, TLSv1.3"})
  void keychainServerReachedByOpensslClient(String identity, String protocol) throws Exception {
    SSLContext serverContext = context(TestKeychains.keyStore(keychains.get(identity)), null);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (SSLServerSocket server =
        (SSLServerSocket)
            serverContext.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setEnabledProtocols(new String[] {protocol});
      server.setSoTimeout(TIMEOUT_MILLIS);
      Future<String> served =
          executor.submit(
              () -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                  socket.setSoTimeout(TIMEOUT_MILLIS);
                  socket.startHandshake();
                  socket.getOutputStream().write("served by keychain\n".getBytes(StandardCharsets.UTF_8));
                  socket.getOutputStream().flush();
                  return socket.getSession().getProtocol();
                }
              });

      String versionOption = protocol.equals("TLSv1.3") ? "-tls1_3" : "-tls1_2";
      Openssl.Result result =
          Openssl.tryRun(
              pki.directory, "s_client", "-connect", "127.0.0.1:" + server.getLocalPort(), "-CAfile",
              "ca.crt", "-verify_return_error", "-verify_ip", "127.0.0.1", versionOption, "-brief");

      assertThat(result.exitCode).as(result.output).isZero();
      assertThat(result.output).contains("Verification: OK");
      assertThat(result.output).contains("CN = " + identity + "-identity");
      assertThat(served.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo(protocol);
    } finally {
      executor.shutdownNow();
    }
  }

  private static SSLContext context(KeyStore keys, char[] password) throws Exception {
    return MutualTls.context(pki, keys, password);
  }

  private static X509Certificate leafOf(String identity) throws Exception {
    return keychains.get(identity).certificateChain(identity + "-identity").get(0);
  }
}
