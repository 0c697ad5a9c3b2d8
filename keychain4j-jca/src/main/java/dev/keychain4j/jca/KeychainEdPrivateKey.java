package dev.keychain4j.jca;

import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.Keychain;
import java.security.PublicKey;
import java.security.interfaces.EdECKey;
import java.security.spec.NamedParameterSpec;

/** A handle to an Ed25519 private key in a keychain. */
public final class KeychainEdPrivateKey extends KeychainPrivateKey implements EdECKey {
  private static final long serialVersionUID = 1L;

  KeychainEdPrivateKey(Keychain keychain, String tag, PublicKey publicKey) {
    super(keychain, tag, KeyAlgorithm.ED25519, publicKey);
  }

  /** Returns {@code EdDSA}, the name the JDK 17 gives Ed25519 keys and certificate keys. */
  @Override
  public String getAlgorithm() {
    return "EdDSA";
  }

  @Override
  public NamedParameterSpec getParams() {
    return NamedParameterSpec.ED25519;
  }
}
