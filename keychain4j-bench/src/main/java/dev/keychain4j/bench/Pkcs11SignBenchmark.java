package dev.keychain4j.bench;

import dev.keychain4j.Digest;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.Keychain;
import dev.keychain4j.KeychainException;
import dev.keychain4j.Purpose;
import dev.keychain4j.SignatureSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * P-256 ECDSA signing of the same 64-byte message on one SoftHSM2 token: through the keychain API
 * (PKCS#11 element, key without usage limit) and through the JDK's SunPKCS11 provider directly,
 * with a {@link Signature} initialized once.
 *
 * <p>SoftHSM2 reads its configuration path from SOFTHSM2_CONF when the module loads, so run with
 * that variable set to a writable file path: the set-up writes the file, with a token directory in
 * a new temporary directory, and creates the token there.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Pkcs11SignBenchmark {
  private static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
  private static final String LABEL = "keychain4j-bench";
  private static final String PIN = "123456";
  private static final SignatureSpec ECDSA = SignatureSpec.ecdsa(Digest.SHA256);

  private final byte[] message = new byte[64];
  private Path directory;
  private Keychain keychain;
  private Signature sunPkcs11;

  @Setup
  public void setUp() throws IOException, InterruptedException, GeneralSecurityException {
    for (int i = 0; i < message.length; i++) {
      message[i] = (byte) i;
    }
    String configuration = System.getenv("SOFTHSM2_CONF");
    if (configuration == null) {
      throw new IllegalStateException(
          "Set SOFTHSM2_CONF to a writable file path, such as /tmp/keychain4j-bench/softhsm2.conf");
    }
    directory = Files.createTempDirectory("keychain-pkcs11-bench");
    Path tokens = Files.createDirectory(directory.resolve("tokens"));
    Path conf = Path.of(configuration);
    Files.createDirectories(conf.toAbsolutePath().getParent());
    Files.writeString(
        conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n",
        StandardCharsets.UTF_8);
    Process init =
        new ProcessBuilder(
                "softhsm2-util", "--init-token", "--free", "--label", LABEL, "--so-pin", "12345678", "--pin", PIN)
            .inheritIO()
            .start();
    if (init.waitFor() != 0) {
      throw new IllegalStateException("softhsm2-util --init-token failed: install softhsm2");
    }

    keychain =
        Keychain.create(
            directory.resolve("keychain"), "pkcs11", Map.of("library", LIBRARY, "token-label", LABEL), PIN.toCharArray());
    keychain.generateKey("p256", KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.SIGN).build());

    // The only initialized token is the first slot with a token. SunPKCS11's key is made with the
    // same attributes as the keychain's (a private, sensitive, never extractable token object),
    // because SoftHSM2 spends more on token objects than on session objects.
    Provider provider =
        Security.getProvider("SunPKCS11")
            .configure(
                "--name=bench\nlibrary=" + LIBRARY + "\nslotListIndex=0\n"
                    + "attributes(generate, CKO_PRIVATE_KEY, *) = {\n"
                    + "  CKA_TOKEN = true\n  CKA_PRIVATE = true\n  CKA_SENSITIVE = true\n"
                    + "  CKA_EXTRACTABLE = false\n}\n"
                    + "attributes(generate, CKO_PUBLIC_KEY, *) = {\n  CKA_TOKEN = true\n}\n");
    KeyStore.getInstance("PKCS11", provider).load(null, PIN.toCharArray());
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    sunPkcs11 = Signature.getInstance("SHA256withECDSA", provider);
    sunPkcs11.initSign(generator.generateKeyPair().getPrivate());
  }

  @TearDown
  public void tearDown() throws IOException {
    keychain.close();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  @Benchmark
  public byte[] p256Keychain() throws KeychainException {
    return keychain.sign("p256", ECDSA, message);
  }

  @Benchmark
  public byte[] p256SunPkcs11() throws GeneralSecurityException {
    sunPkcs11.update(message);
    return sunPkcs11.sign();
  }
}
