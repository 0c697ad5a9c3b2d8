package dev.keychain4j.jca;

import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.Keychain;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A handle to a private key that stays inside a keychain's secure element. It has no encoding:
 * {@link #getEncoded()} and {@link #getFormat()} return null, so other providers reject it with
 * {@code InvalidKeyException}. Only the {@code Keychain4j} provider's {@code Signature}, {@code
 * KeyAgreement} and {@code Cipher} use it, by tag, through the {@link Keychain} it came from.
 *
 * <p>The subclasses add the public parameters that JSSE reads from a private key: {@code
 * ECKey.getParams()} for EC and {@code RSAKey.getModulus()} for RSA. {@link #getAlgorithm()}
 * follows the JDK 17 names ({@code EC}, {@code RSA}, {@code EdDSA}, {@code XDH}) because {@code
 * KeyStore.PrivateKeyEntry} and JSSE compare it with the certificate's public key algorithm.
 *
 * <p>The handle keeps its keychain open for use; closing the keychain makes the handle unusable.
 */
public abstract class KeychainPrivateKey implements PrivateKey {
  private static final long serialVersionUID = 1L;

  private final transient Keychain keychain;
  private final String tag;
  private final KeyAlgorithm keyAlgorithm;
  private final transient PublicKey publicKey;

  KeychainPrivateKey(Keychain keychain, String tag, KeyAlgorithm keyAlgorithm, PublicKey publicKey) {
    this.keychain = Objects.requireNonNull(keychain, "keychain");
    this.tag = Objects.requireNonNull(tag, "tag");
    this.keyAlgorithm = Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
    this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
  }

  /** Returns the tag of the key in its keychain. */
  public String tag() {
    return tag;
  }

  /** Returns the keychain algorithm and size of the key. */
  public KeyAlgorithm keyAlgorithm() {
    return keyAlgorithm;
  }

  /** Returns the public key of the pair. */
  public PublicKey publicKey() {
    return publicKey;
  }

  /** Returns the keychain that contains the key. */
  public Keychain keychain() {
    return keychain;
  }

  /** Returns null: the private key never leaves the secure element. */
  @Override
  public final @Nullable String getFormat() {
    return null;
  }

  /** Returns null: the private key never leaves the secure element. */
  @Override
  public final byte @Nullable [] getEncoded() {
    return null;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (!(other instanceof KeychainPrivateKey)) {
      return false;
    }
    KeychainPrivateKey that = (KeychainPrivateKey) other;
    return keychain == that.keychain && tag.equals(that.tag) && publicKey.equals(that.publicKey);
  }

  @Override
  public int hashCode() {
    return tag.hashCode() * 31 + publicKey.hashCode();
  }

  @Override
  public String toString() {
    return "Keychain4j " + keyAlgorithm.cliName() + " private key '" + tag + "' in "
        + keychain.directory();
  }

  // A handle means nothing outside the process that opened the keychain.
  private void writeObject(ObjectOutputStream out) throws NotSerializableException {
    throw new NotSerializableException(
        "Keychain key handle '" + tag + "' cannot be serialized: store its tag instead");
  }
}
