package dev.keychain4j;

import dev.keychain4j.internal.enclave.SoftwareEnclave;
import dev.keychain4j.spi.KeyBinding;
import dev.keychain4j.spi.KeyReference;
import dev.keychain4j.spi.UsageCounter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The child process of the secret leakage test: a full run of the keychain API that prints the
 * {@code toString()} of every public object it meets and every exception (message and stack
 * trace) to standard output, while SLF4J logs at TRACE. Arguments: the keychain directory; the
 * passphrase comes from {@code KEYCHAIN4J_PASSPHRASE}.
 */
public final class LeakageRun {
  private LeakageRun() {}

  /** The failures the run provokes; a test asserts that all of them happened. */
  static final List<String> EXPECTED_FAILURES =
      List.of(
          "WrongPassphraseException",
          "ItemNotFoundException",
          "DuplicateItemException",
          "IncompatiblePurposeException",
          "IncompatibleDigestException",
          "IncompatiblePaddingException",
          "KeyNotYetValidException",
          "KeyExpiredException",
          "UsageLimitExhaustedException",
          "KeyCorruptedException",
          "CertificateMismatchException",
          "KeychainExistsException",
          "IllegalArgumentException");

  @FunctionalInterface
  interface Step {
    void run() throws Exception;
  }

  static void expectFailure(Step step) {
    try {
      step.run();
      System.out.println("no failure");
    } catch (Exception e) {
      System.out.println("failure: " + e);
      e.printStackTrace(System.out);
    }
  }

  static void show(Object value) {
    System.out.println(value);
  }

  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args[0]);
    char[] passphrase = System.getenv("KEYCHAIN4J_PASSPHRASE").toCharArray();
    byte[] message = "leakage run".getBytes(StandardCharsets.UTF_8);

    try (Keychain keychain = Keychain.create(directory, passphrase)) {
      show(keychain);
      for (KeyAlgorithm algorithm : List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384, KeyAlgorithm.EC_P521, KeyAlgorithm.ED25519, KeyAlgorithm.RSA_2048)) {
        KeyParameters parameters = KeyParameters.builder(algorithm).purposes(Purpose.SIGN, Purpose.VERIFY).label("label " + algorithm).build();
        show(parameters);
        KeyInfo info = keychain.generateKey("sign-" + algorithm.cliName(), parameters);
        show(info);
        show(info.elementEnforced());
        show(info.libraryEnforced());
        show(info.publicKey());
        SignatureSpec spec = SignatureSpec.defaultFor(algorithm, Digest.SHA256);
        show(spec);
        byte[] signature = keychain.sign(info.tag(), spec, message);
        show(keychain.verify(info.tag(), spec, message, signature));
        show(keychain.keyInfo(info.tag()));
      }
      show(keychain.generateKey("rsa-oaep", KeyParameters.builder(KeyAlgorithm.RSA_2048).purposes(Purpose.ENCRYPT, Purpose.DECRYPT).usageLimit(5).build()));
      keychain.decrypt("rsa-oaep", Digest.SHA256, keychain.encrypt("rsa-oaep", Digest.SHA256, message));
      show(keychain.generateKey("ecdh", KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.AGREE_KEY).build()));
      show(keychain.generateKey("x25519", KeyParameters.builder(KeyAlgorithm.X25519).purposes(Purpose.AGREE_KEY).build()));
      KeyPair peer = KeyPairGenerator.getInstance("X25519").generateKeyPair();
      keychain.agree("x25519", peer.getPublic());
      keychain.agree("ecdh", keychain.publicKey("ecdh"));

      byte[] csr = keychain.createCsr("sign-ec-p256", "CN=leakage", Digest.SHA256);
      show(new PKCS10CertificationRequest(csr).getSubject());
      X509Certificate certificate = issue(csr);
      show(certificate);
      keychain.importCertificateChain("sign-ec-p256", List.of(certificate));
      show(keychain.certificateChain("sign-ec-p256"));
      keychain.putCertificate("cert", certificate, "a certificate");
      show(keychain.certificate("cert"));

      keychain.putSecret("secret", "generic secret value 5be1".getBytes(StandardCharsets.UTF_8), "label");
      keychain.secret("secret");

      show(keychain.query(ItemQuery.all()));
      show(ItemQuery.builder().itemClass(ItemClass.KEY).label("x").build());
      show(keychain.status());
      show(new KeyBinding("tag", 1));
      show(KeyReference.of(new byte[] {1, 2, 3}));
      show(UsageCounter.of(3, new byte[32]));

      expectFailure(() -> keychain.keyInfo("missing"));
      expectFailure(() -> keychain.generateKey("sign-ed25519", KeyParameters.builder(KeyAlgorithm.ED25519).purposes(Purpose.SIGN).build()));
      expectFailure(() -> keychain.sign("ecdh", SignatureSpec.ecdsa(Digest.SHA256), message));
      keychain.generateKey("sha384", KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.SIGN).digests(Digest.SHA384).build());
      expectFailure(() -> keychain.sign("sha384", SignatureSpec.ecdsa(Digest.SHA256), message));
      expectFailure(() -> keychain.sign("sign-rsa-2048", SignatureSpec.ecdsa(Digest.SHA256), message));
      keychain.generateKey("future", KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.SIGN).activeFrom(Instant.now().plus(Duration.ofDays(1))).build());
      expectFailure(() -> keychain.sign("future", SignatureSpec.ecdsa(Digest.SHA256), message));
      keychain.generateKey("past", KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.SIGN).originationEnd(Instant.now().minus(Duration.ofDays(1))).build());
      expectFailure(() -> keychain.sign("past", SignatureSpec.ecdsa(Digest.SHA256), message));
      expectFailure(() -> keychain.importCertificateChain("sign-ec-p384", List.of(certificate)));
      expectFailure(() -> KeyParameters.builder(KeyAlgorithm.X25519).purposes(Purpose.SIGN).build());
      expectFailure(() -> Keychain.create(directory, passphrase));

      keychain.generateKey("limited", KeyParameters.builder(KeyAlgorithm.ED25519).purposes(Purpose.SIGN).usageLimit(1).build());
      keychain.generateKey("tampered", KeyParameters.builder(KeyAlgorithm.ED25519).purposes(Purpose.SIGN).usageLimit(1).build());
      try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("keychain.db"));
          Statement statement = connection.createStatement()) {
        // A counter at zero, and a counter raised above its authenticated value.
        statement.executeUpdate("UPDATE items SET remaining_uses = 0 WHERE tag = 'limited'");
        statement.executeUpdate("UPDATE items SET remaining_uses = 7 WHERE tag = 'tampered'");
      }
      expectFailure(() -> keychain.sign("tampered", SignatureSpec.ed25519(), message));
      expectFailure(() -> keychain.verifyIntegrity());
    }

    expectFailure(() -> Keychain.open(directory, "not the passphrase".toCharArray()));
    exhaustedCounter(directory, passphrase, message);
  }

  /** Provokes UsageLimitExhaustedException with a counter at zero that still authenticates. */
  private static void exhaustedCounter(Path directory, char[] passphrase, byte[] message) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("keychain.db"));
        Statement statement = connection.createStatement()) {
      byte[] wrapped;
      long id;
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT (SELECT value FROM meta WHERE name = 'device_key'), id FROM items WHERE tag = 'limited'")) {
        rows.next();
        wrapped = rows.getBytes(1);
        id = rows.getLong(2);
      }
      byte[] passphraseBytes = new String(passphrase).getBytes(StandardCharsets.UTF_8);
      try (SoftwareEnclave enclave = SoftwareEnclave.open(wrapped, passphraseBytes);
          PreparedStatement update =
              connection.prepareStatement("UPDATE items SET remaining_uses = 0, counter_mac = ? WHERE id = ?")) {
        update.setBytes(1, enclave.authenticateCounter(new KeyBinding("limited", id), 0).authenticator());
        update.setLong(2, id);
        update.executeUpdate();
      }
    }
    try (Keychain keychain = Keychain.open(directory, passphrase)) {
      expectFailure(() -> keychain.sign("limited", SignatureSpec.ed25519(), message));
    }
  }

  private static X509Certificate issue(byte[] csr) throws Exception {
    PKCS10CertificationRequest request = new PKCS10CertificationRequest(csr);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair issuer = generator.generateKeyPair();
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            new X500Name("CN=Leakage CA"),
            BigInteger.ONE,
            Date.from(now.minusSeconds(60)),
            Date.from(now.plus(Duration.ofDays(1))),
            request.getSubject(),
            java.security.KeyFactory.getInstance("EC")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(request.getSubjectPublicKeyInfo().getEncoded())));
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
  }
}
