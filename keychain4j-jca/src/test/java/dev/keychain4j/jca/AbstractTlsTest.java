package dev.keychain4j.jca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.Keychain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
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
  private static final int TIMEOUT_MILLIS = 30_000;

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
    SSLContext serverContext = context(pki.softwareKeyStore("server"), TestPki.PASSWORD.toCharArray());
    SSLContext clientContext = context(TestKeychains.keyStore(keychains.get(identity)), null);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (SSLServerSocket server =
        (SSLServerSocket)
            serverContext.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setNeedClientAuth(true);
      server.setEnabledProtocols(new String[] {protocol});
      server.setSoTimeout(TIMEOUT_MILLIS);
      Future<X509Certificate> peer =
          executor.submit(
              () -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                  socket.setSoTimeout(TIMEOUT_MILLIS);
                  socket.startHandshake();
                  X509Certificate certificate = (X509Certificate) socket.getSession().getPeerCertificates()[0];
                  BufferedReader reader =
                      new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                  String line = reader.readLine();
                  socket.getOutputStream().write(("echo " + line + "\n").getBytes(StandardCharsets.UTF_8));
                  socket.getOutputStream().flush();
                  return certificate;
                }
              });

      try (SSLSocket client =
          (SSLSocket) clientContext.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
        client.setSoTimeout(TIMEOUT_MILLIS);
        client.setEnabledProtocols(new String[] {protocol});
        client.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
        client.getOutputStream().flush();
        String reply =
            new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8)).readLine();

        assertThat(reply).isEqualTo("echo hello");
        assertThat(client.getSession().getProtocol()).isEqualTo(protocol);
      }
      X509Certificate seen = peer.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
      assertThat(seen).isEqualTo(leafOf(identity));
    } finally {
      executor.shutdownNow();
    }
  }

  @ParameterizedTest(name = "{0} client key, {1}")
  @CsvSource({"ec, TLSv1.3", "ec, TLSv1.2", "rsa, TLSv1.3", "rsa, TLSv1.2", "ed25519, TLSv1.3"})
  void keychainClientAgainstOpensslServer(String identity, String protocol) throws Exception {
    int port = freePort();
    String versionOption = protocol.equals("TLSv1.3") ? "-tls1_3" : "-tls1_2";
    Process server =
        new ProcessBuilder(
                "openssl", "s_server", "-accept", "127.0.0.1:" + port, "-cert", "server.crt", "-key",
                "server.key", "-CAfile", "ca.crt", "-Verify", "1", "-verify_return_error", versionOption,
                "-www", "-naccept", "1")
            .directory(pki.directory.toFile())
            .redirectErrorStream(true)
            .start();
    try {
      awaitLine(server, "ACCEPT");
      SSLContext clientContext = context(TestKeychains.keyStore(keychains.get(identity)), null);
      String page;
      try (SSLSocket client =
          (SSLSocket) clientContext.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port)) {
        client.setSoTimeout(TIMEOUT_MILLIS);
        client.setEnabledProtocols(new String[] {protocol});
        OutputStream out = client.getOutputStream();
        out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        page = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(client.getSession().getProtocol()).isEqualTo(protocol);
      }

      // s_server -www prints the verified client certificate in its status page.
      assertThat(page).contains("Client certificate");
      assertThat(page).contains("Subject: CN=" + identity + "-identity");
      assertThat(page).contains(pem(leafOf(identity)));
    } finally {
      stop(server);
    }
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
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("PKIX");
    keyManagers.init(keys, password == null ? new char[0] : password);
    TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
    trustManagers.init(pki.trustStore());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
    return context;
  }

  private static X509Certificate leafOf(String identity) throws Exception {
    return keychains.get(identity).certificateChain(identity + "-identity").get(0);
  }

  private static String pem(X509Certificate certificate) throws Exception {
    String base64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(certificate.getEncoded());
    return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----";
  }

  /** Returns a port that was free a moment ago on 127.0.0.1. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  /** Reads the process output until a line starts with {@code prefix}; fails on exit or timeout. */
  static void awaitLine(Process process, String prefix) throws Exception {
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try {
      List<String> seen = new ArrayList<>();
      Future<Boolean> found =
          reader.submit(
              () -> {
                BufferedReader lines =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = lines.readLine()) != null) {
                  seen.add(line);
                  if (line.startsWith(prefix)) {
                    return true;
                  }
                }
                return false;
              });
      if (!found.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
        throw new AssertionError("openssl exited before printing " + prefix + ": " + seen);
      }
    } finally {
      reader.shutdown();
    }
  }

  static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
