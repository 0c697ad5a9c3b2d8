package dev.keychain4j;

import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Skeleton published first so that dependent modules compile; bodies follow. */
public final class Keychain implements AutoCloseable {
  private Keychain() {}

  public static Path defaultDirectory() {
    String home = System.getenv("KEYCHAIN4J_HOME");
    if (home != null && !home.isBlank()) {
      return Path.of(home);
    }
    return Path.of(System.getProperty("user.home"), ".keychain4j");
  }

  public static Keychain create(Path directory, char[] passphrase) throws KeychainException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public static Keychain open(Path directory, char[] passphrase) throws KeychainException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public KeyInfo generateKey(String tag, KeyParameters parameters) throws KeychainException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public KeyInfo keyInfo(String tag) throws KeychainException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public List<ItemInfo> query(ItemQuery query) throws KeychainException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public byte[] sign(String tag, SignatureSpec spec, byte[] message) throws KeychainException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public boolean verify(String tag, SignatureSpec spec, byte[] message, byte[] signature)
      throws KeychainException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public byte[] decrypt(String tag, Digest oaepDigest, byte[] ciphertext) throws KeychainException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public byte[] encrypt(String tag, Digest oaepDigest, byte[] plaintext) throws KeychainException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public byte[] agree(String tag, PublicKey peer) throws KeychainException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public PublicKey publicKey(String tag) throws KeychainException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public byte[] createCsr(String tag, String subjectDn, Digest digest) throws KeychainException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public void importCertificateChain(String tag, List<X509Certificate> chain)
      throws KeychainException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public List<X509Certificate> certificateChain(String tag) throws KeychainException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public void putCertificate(String tag, X509Certificate certificate, @Nullable String label)
      throws KeychainException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public X509Certificate certificate(String tag) throws KeychainException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public void putSecret(String tag, byte[] secret, @Nullable String label) throws KeychainException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public byte[] secret(String tag) throws KeychainException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public void delete(ItemClass itemClass, String tag) throws KeychainException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public KeychainStatus status() throws KeychainException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public int verifyIntegrity() throws KeychainException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  @Override
  public void close() {}
}
