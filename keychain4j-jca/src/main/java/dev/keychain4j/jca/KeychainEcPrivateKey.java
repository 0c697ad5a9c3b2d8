package dev.keychain4j.jca;

import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.Keychain;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;

/** A handle to an EC private key in a keychain, with the curve parameters of its public key. */
public final class KeychainEcPrivateKey extends KeychainPrivateKey implements ECKey {
  private static final long serialVersionUID = 1L;

  KeychainEcPrivateKey(Keychain keychain, String tag, KeyAlgorithm keyAlgorithm, ECPublicKey publicKey) {
    super(keychain, tag, keyAlgorithm, publicKey);
  }

  @Override
  public String getAlgorithm() {
    return "EC";
  }

  @Override
  public ECParameterSpec getParams() {
    return ((ECPublicKey) publicKey()).getParams();
  }
}
