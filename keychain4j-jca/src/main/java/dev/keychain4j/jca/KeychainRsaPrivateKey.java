package dev.keychain4j.jca;

import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.Keychain;
import java.math.BigInteger;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;

/** A handle to an RSA private key in a keychain, with the modulus of its public key. */
public final class KeychainRsaPrivateKey extends KeychainPrivateKey implements RSAKey {
  private static final long serialVersionUID = 1L;

  KeychainRsaPrivateKey(Keychain keychain, String tag, KeyAlgorithm keyAlgorithm, RSAPublicKey publicKey) {
    super(keychain, tag, keyAlgorithm, publicKey);
  }

  @Override
  public String getAlgorithm() {
    return "RSA";
  }

  @Override
  public BigInteger getModulus() {
    return ((RSAPublicKey) publicKey()).getModulus();
  }
}
