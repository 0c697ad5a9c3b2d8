package dev.keychain4j.bench;

import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.Keychain;
import dev.keychain4j.Purpose;
import dev.keychain4j.jca.Keychain4jProvider;
import dev.keychain4j.jca.KeychainLoadStoreParameter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Full TLS 1.3 handshakes with client authentication over loopback, one at a time: the client's
 * P-256 key either in a keychain (through the Keychain4j provider and the Keychain4j key store) or
 * in a PKCS#12 file (signed by SunEC). The server, the CA and everything else are the same; each
 * handshake is new, because the client invalidates its session so that no resumption happens.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TlsHandshakeBenchmark {
  private static final char[] PASSWORD = "benchmark password".toCharArray();

  @Param({"keychain", "pkcs12"})
  public String clientKey;

  private Path directory;
  private Keychain keychain;
  private SSLServerSocket server;
  private Thread serverThread;
  private SSLContext clientContext;
  private Keychain4jProvider provider;

  @Setup
  public void setUp() throws Exception {
    directory = Files.createTempDirectory("tls-bench");
    provider = new Keychain4jProvider();
    Security.addProvider(provider);

    KeyPair ca = softwareP256();
    X509Certificate caCertificate = certificate("CN=bench CA", ca.getPublic(), ca, true);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", caCertificate);

    KeyPair serverPair = softwareP256();
    KeyStore serverKeys =
        pkcs12File("server", serverPair.getPrivate(), certificate("CN=127.0.0.1", serverPair.getPublic(), ca, false), caCertificate);
    SSLContext serverContext = context(serverKeys, trust);
    server =
        (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    server.setNeedClientAuth(true);
    server.setEnabledProtocols(new String[] {"TLSv1.3"});
    serverThread = new Thread(this::serve, "tls-bench-server");
    serverThread.setDaemon(true);
    serverThread.start();

    KeyStore clientKeys;
    if (clientKey.equals("keychain")) {
      keychain = Keychain.create(directory.resolve("keychain"), PASSWORD);
      keychain.generateKey("client", KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.SIGN).build());
      X509Certificate leaf = certificate("CN=client", keychain.publicKey("client"), ca, false);
      keychain.importCertificateChain("client", java.util.List.of(leaf, caCertificate));
      clientKeys = KeyStore.getInstance(Keychain4jProvider.KEY_STORE_TYPE, provider);
      clientKeys.load(KeychainLoadStoreParameter.of(keychain));
    } else {
      KeyPair clientPair = softwareP256();
      clientKeys =
          pkcs12File("client", clientPair.getPrivate(), certificate("CN=client", clientPair.getPublic(), ca, false), caCertificate);
    }
    clientContext = context(clientKeys, trust);
  }

  @Benchmark
  public int handshake() throws IOException {
    try (SSLSocket socket =
        (SSLSocket) clientContext.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
      socket.setEnabledProtocols(new String[] {"TLSv1.3"});
      socket.setSoTimeout(10_000);
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      out.write(1);
      out.flush();
      // The echo proves that the server verified the client certificate and finished.
      int echo = socket.getInputStream().read();
      socket.getSession().invalidate();
      return echo;
    }
  }

  @TearDown
  public void tearDown() throws IOException, InterruptedException {
    server.close();
    serverThread.join(10_000);
    if (keychain != null) {
      keychain.close();
    }
    Security.removeProvider(provider.getName());
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  private void serve() {
    while (!server.isClosed()) {
      try (SSLSocket socket = (SSLSocket) server.accept()) {
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        InputStream in = socket.getInputStream();
        int value = in.read();
        socket.getOutputStream().write(value);
        socket.getOutputStream().flush();
      } catch (SocketException e) {
        // The server socket was closed by tearDown.
      } catch (IOException e) {
        if (!server.isClosed()) {
          throw new IllegalStateException("A benchmark handshake failed", e);
        }
      }
    }
  }

  private static SSLContext context(KeyStore keys, KeyStore trust) throws GeneralSecurityException {
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("PKIX");
    keyManagers.init(keys, PASSWORD);
    TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
    trustManagers.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
    return context;
  }

  private KeyStore pkcs12File(String name, PrivateKey key, X509Certificate leaf, X509Certificate ca)
      throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(name, key, PASSWORD, new Certificate[] {leaf, ca});
    Path file = directory.resolve(name + ".p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, PASSWORD);
    }
    KeyStore loaded = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      loaded.load(in, PASSWORD);
    }
    return loaded;
  }

  private static KeyPair softwareP256() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static X509Certificate certificate(String subject, PublicKey publicKey, KeyPair issuer, boolean ca)
      throws GeneralSecurityException, IOException {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            new X500Name(ca ? subject : "CN=bench CA"),
            BigInteger.valueOf(now.toEpochMilli()).add(BigInteger.valueOf(subject.hashCode() & 0xffff)),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(1))),
            new X500Name(subject),
            publicKey);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("The benchmark certificate could not be signed", e);
    }
  }
}
