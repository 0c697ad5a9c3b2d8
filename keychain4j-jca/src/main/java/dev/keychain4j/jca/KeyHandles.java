package dev.keychain4j.jca;

import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyInfo;
import dev.keychain4j.Keychain;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;

/** Creates key handles and converts keychain public keys to the JDK's own key classes. */
final class KeyHandles {
  private KeyHandles() {}

  /** Returns the handle for a key the keychain describes. */
  static KeychainPrivateKey handle(Keychain keychain, KeyInfo info) throws GeneralSecurityException {
    PublicKey publicKey = jdkPublicKey(info.algorithm(), info.publicKey());
    switch (info.algorithm().family()) {
      case EC:
        return new KeychainEcPrivateKey(keychain, info.tag(), info.algorithm(), (ECPublicKey) publicKey);
      case RSA:
        return new KeychainRsaPrivateKey(keychain, info.tag(), info.algorithm(), (RSAPublicKey) publicKey);
      case ED25519:
        return new KeychainEdPrivateKey(keychain, info.tag(), publicKey);
      case X25519:
        return new KeychainXdhPrivateKey(keychain, info.tag(), publicKey);
      default:
        throw new IllegalStateException("Unhandled key family " + info.algorithm().family());
    }
  }

  /**
   * Re-encodes a public key with the default {@code KeyFactory}, so that JSSE finds the curve of an
   * EC key in its own curve table and the key compares equal to the key of a JDK certificate.
   */
  static PublicKey jdkPublicKey(KeyAlgorithm algorithm, PublicKey publicKey) throws GeneralSecurityException {
    String name;
    switch (algorithm.family()) {
      case EC:
        name = "EC";
        break;
      case RSA:
        name = "RSA";
        break;
      case ED25519:
        name = "Ed25519";
        break;
      default:
        name = "X25519";
        break;
    }
    return KeyFactory.getInstance(name).generatePublic(new X509EncodedKeySpec(publicKey.getEncoded()));
  }
}
