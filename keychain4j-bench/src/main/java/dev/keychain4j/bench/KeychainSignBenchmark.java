package dev.keychain4j.bench;

import dev.keychain4j.Digest;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.Keychain;
import dev.keychain4j.KeychainException;
import dev.keychain4j.Purpose;
import dev.keychain4j.SignatureSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * P-256 ECDSA and Ed25519 signing of the same 64-byte message: through the keychain API (software
 * enclave, key without usage limit), and directly through the BouncyCastle and SunEC JCA
 * providers with a {@link Signature} initialized once, which is the fastest use of each provider.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KeychainSignBenchmark {
  private static final SignatureSpec ECDSA = SignatureSpec.ecdsa(Digest.SHA256);
  private static final SignatureSpec ED25519 = SignatureSpec.ed25519();

  private final byte[] message = new byte[64];
  private Path directory;
  private Keychain keychain;
  private Signature p256BouncyCastle;
  private Signature p256SunEc;
  private Signature ed25519BouncyCastle;
  private Signature ed25519SunEc;

  @Setup
  public void setUp() throws IOException, GeneralSecurityException {
    for (int i = 0; i < message.length; i++) {
      message[i] = (byte) i;
    }
    directory = Files.createTempDirectory("keychain-bench");
    keychain = Keychain.create(directory.resolve("keychain"), "benchmark passphrase".toCharArray());
    keychain.generateKey(
        "p256", KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.SIGN).build());
    keychain.generateKey(
        "ed25519", KeyParameters.builder(KeyAlgorithm.ED25519).purposes(Purpose.SIGN).build());

    Provider bouncyCastle = new BouncyCastleProvider();
    Provider sunEc = Security.getProvider("SunEC");
    p256BouncyCastle = p256Signer(bouncyCastle);
    p256SunEc = p256Signer(sunEc);
    ed25519BouncyCastle = ed25519Signer(bouncyCastle);
    ed25519SunEc = ed25519Signer(sunEc);
  }

  private static Signature p256Signer(Provider provider) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    Signature signature = Signature.getInstance("SHA256withECDSA", provider);
    signature.initSign(generator.generateKeyPair().getPrivate());
    return signature;
  }

  private static Signature ed25519Signer(Provider provider) throws GeneralSecurityException {
    Signature signature = Signature.getInstance("Ed25519", provider);
    signature.initSign(KeyPairGenerator.getInstance("Ed25519", provider).generateKeyPair().getPrivate());
    return signature;
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
  public byte[] p256BouncyCastleJca() throws GeneralSecurityException {
    p256BouncyCastle.update(message);
    return p256BouncyCastle.sign();
  }

  @Benchmark
  public byte[] p256SunEcJca() throws GeneralSecurityException {
    p256SunEc.update(message);
    return p256SunEc.sign();
  }

  @Benchmark
  public byte[] ed25519Keychain() throws KeychainException {
    return keychain.sign("ed25519", ED25519, message);
  }

  @Benchmark
  public byte[] ed25519BouncyCastleJca() throws GeneralSecurityException {
    ed25519BouncyCastle.update(message);
    return ed25519BouncyCastle.sign();
  }

  @Benchmark
  public byte[] ed25519SunEcJca() throws GeneralSecurityException {
    ed25519SunEc.update(message);
    return ed25519SunEc.sign();
  }
}
