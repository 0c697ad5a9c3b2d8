package dev.keychain4j.jca;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Mutual TLS checks with a keychain identity as the client, against openssl s_server and a JDK
 * SSLServerSocket. Both servers require a client certificate from the test CA. The TLS tests of the
 * software enclave and of the PKCS#11 element share these checks.
 */
final class MutualTls {
  static final int TIMEOUT_MILLIS = 30_000;

  private MutualTls() {}

  /** Connects to a JDK TLS server that requires a client certificate and checks the one it received. */
  static void clientAgainstJavaServer(TestPki pki, KeyStore clientKeys, X509Certificate expectedLeaf, String protocol)
      throws Exception {
    SSLContext serverContext = context(pki, pki.softwareKeyStore("server"), TestPki.PASSWORD.toCharArray());
    SSLContext clientContext = context(pki, clientKeys, null);
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
      assertThat(seen).isEqualTo(expectedLeaf);
    } finally {
      executor.shutdownNow();
    }
  }

  /**
   * Connects to {@code openssl s_server -Verify 1} on 127.0.0.1 and checks that the status page
   * shows the expected client certificate.
   */
  static void clientAgainstOpensslServer(
      TestPki pki, KeyStore clientKeys, X509Certificate expectedLeaf, String expectedCommonName, String protocol)
      throws Exception {
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
      SSLContext clientContext = context(pki, clientKeys, null);
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
      assertThat(page).contains("Subject: CN=" + expectedCommonName);
      assertThat(page).contains(pem(expectedLeaf));
    } finally {
      stop(server);
    }
  }

  /** Returns a TLS context with the given key store and a trust store that trusts only the test CA. */
  static SSLContext context(TestPki pki, KeyStore keys, char[] password) throws Exception {
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("PKIX");
    keyManagers.init(keys, password == null ? new char[0] : password);
    TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
    trustManagers.init(pki.trustStore());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
    return context;
  }

  private static String pem(X509Certificate certificate) throws Exception {
    String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
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
