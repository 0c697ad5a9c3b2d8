package dev.keychain4j.jca;

import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeychainException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.KeyAgreementSpi;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * ECDH or X25519 with a keychain key: the raw shared secret (the x coordinate for ECDH) is computed
 * inside the secure element. One peer, so only two-party agreement.
 */
final class KeychainKeyAgreementSpi extends KeyAgreementSpi {
  private final String algorithm;
  private final KeyAlgorithm.Family family;
  private @Nullable KeychainPrivateKey key;
  private byte @Nullable [] secret;

  KeychainKeyAgreementSpi(String algorithm, KeyAlgorithm.Family family) {
    this.algorithm = algorithm;
    this.family = family;
  }

  @Override
  protected void engineInit(Key key, SecureRandom random) throws InvalidKeyException {
    this.key = KeyChecks.requireHandle(key, family, "KeyAgreement " + algorithm);
    wipeSecret();
  }

  @Override
  protected void engineInit(Key key, @Nullable AlgorithmParameterSpec params, SecureRandom random)
      throws InvalidKeyException, InvalidAlgorithmParameterException {
    if (params != null) {
      throw new InvalidAlgorithmParameterException(algorithm + " takes no parameters");
    }
    engineInit(key, random);
  }

  @Override
  protected @Nullable Key engineDoPhase(Key peer, boolean lastPhase) throws InvalidKeyException {
    KeychainPrivateKey ownKey = key;
    if (ownKey == null) {
      throw new IllegalStateException(algorithm + " is not initialized: call init with a keychain key");
    }
    if (!lastPhase) {
      throw new IllegalStateException(algorithm + " has one phase: call doPhase with lastPhase true");
    }
    if (!(peer instanceof PublicKey)) {
      throw new InvalidKeyException("The peer key of " + algorithm + " must be a public key");
    }
    try {
      wipeSecret();
      secret = ownKey.keychain().agree(ownKey.tag(), (PublicKey) peer);
    } catch (IllegalArgumentException e) {
      throw new InvalidKeyException(e.getMessage(), e);
    } catch (KeychainException e) {
      throw new InvalidKeyException(e.getMessage(), e);
    }
    return null;
  }

  @Override
  protected byte[] engineGenerateSecret() {
    return takeSecret();
  }

  @Override
  protected int engineGenerateSecret(byte[] sharedSecret, int offset) throws ShortBufferException {
    byte[] current = secret;
    if (current == null) {
      throw new IllegalStateException(algorithm + " has no secret: call doPhase first");
    }
    if (sharedSecret.length - offset < current.length) {
      throw new ShortBufferException(
          "The output buffer has " + (sharedSecret.length - offset) + " bytes after the offset,"
              + " but the secret needs " + current.length);
    }
    byte[] result = takeSecret();
    System.arraycopy(result, 0, sharedSecret, offset, result.length);
    Arrays.fill(result, (byte) 0);
    return current.length;
  }

  @Override
  protected SecretKey engineGenerateSecret(String keyAlgorithm) throws NoSuchAlgorithmException {
    byte[] result = takeSecret();
    try {
      return new SecretKeySpec(result, keyAlgorithm);
    } finally {
      Arrays.fill(result, (byte) 0);
    }
  }

  /** Returns the secret and resets the engine for another doPhase with the same key. */
  private byte[] takeSecret() {
    byte[] current = secret;
    if (current == null) {
      throw new IllegalStateException(algorithm + " has no secret: call doPhase first");
    }
    secret = null;
    return current;
  }

  private void wipeSecret() {
    byte[] current = secret;
    if (current != null) {
      Arrays.fill(current, (byte) 0);
      secret = null;
    }
  }
}
