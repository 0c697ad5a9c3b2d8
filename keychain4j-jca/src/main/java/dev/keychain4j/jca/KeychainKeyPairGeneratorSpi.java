package dev.keychain4j.jca;

import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyInfo;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidParameterException;
import java.security.KeyPair;
import java.security.KeyPairGeneratorSpi;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import org.jspecify.annotations.Nullable;

/**
 * Generates a key pair inside a keychain's secure element and returns the public key with a handle
 * to the private key. Only a {@link KeychainKeyGenParameterSpec} initializes it: any other spec or
 * a key size is rejected, so that with this provider first in the list, ordinary key generation
 * (such as JSSE's ephemeral ECDHE keys) falls through to the next provider instead of filling the
 * keychain.
 */
final class KeychainKeyPairGeneratorSpi extends KeyPairGeneratorSpi {
  private final String algorithm;
  private final KeyAlgorithm.Family family;
  private @Nullable KeychainKeyGenParameterSpec request;

  KeychainKeyPairGeneratorSpi(String algorithm, KeyAlgorithm.Family family) {
    this.algorithm = algorithm;
    this.family = family;
  }

  @Override
  public void initialize(int keysize, SecureRandom random) {
    throw new InvalidParameterException(
        "The Keychain4j " + algorithm + " generator needs a KeychainKeyGenParameterSpec, not a key"
            + " size");
  }

  @Override
  public void initialize(AlgorithmParameterSpec params, SecureRandom random)
      throws InvalidAlgorithmParameterException {
    if (!(params instanceof KeychainKeyGenParameterSpec)) {
      String kind = params == null ? "null" : params.getClass().getName();
      throw new InvalidAlgorithmParameterException(
          "The Keychain4j " + algorithm + " generator needs a KeychainKeyGenParameterSpec, not "
              + kind);
    }
    KeychainKeyGenParameterSpec spec = (KeychainKeyGenParameterSpec) params;
    KeyAlgorithm keyAlgorithm = spec.parameters().algorithm();
    if (keyAlgorithm.family() != family) {
      throw new InvalidAlgorithmParameterException(
          "The " + algorithm + " generator cannot make a " + keyAlgorithm.cliName()
              + " key: get the KeyPairGenerator for " + keyAlgorithm.family());
    }
    request = spec;
  }

  /**
   * Generates the key.
   *
   * @throws IllegalStateException if not initialized with a {@link KeychainKeyGenParameterSpec}
   * @throws ProviderException if the keychain rejects the request, for example a duplicate tag
   */
  @Override
  public KeyPair generateKeyPair() {
    KeychainKeyGenParameterSpec spec = request;
    if (spec == null) {
      throw new IllegalStateException(
          "The Keychain4j " + algorithm + " generator is not initialized: call initialize with a"
              + " KeychainKeyGenParameterSpec");
    }
    try {
      KeyInfo info = spec.keychain().generateKey(spec.tag(), spec.parameters());
      KeychainPrivateKey handle = KeyHandles.handle(spec.keychain(), info);
      return new KeyPair(handle.publicKey(), handle);
    } catch (GeneralSecurityException e) {
      throw new ProviderException(e.getMessage(), e);
    }
  }
}
