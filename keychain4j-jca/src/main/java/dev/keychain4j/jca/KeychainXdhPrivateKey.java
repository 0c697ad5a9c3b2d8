package dev.keychain4j.jca;

import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.Keychain;
import java.security.PublicKey;
import java.security.interfaces.XECKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.NamedParameterSpec;

/** A handle to an X25519 private key in a keychain. */
public final class KeychainXdhPrivateKey extends KeychainPrivateKey implements XECKey {
  private static final long serialVersionUID = 1L;

  KeychainXdhPrivateKey(Keychain keychain, String tag, PublicKey publicKey) {
    super(keychain, tag, KeyAlgorithm.X25519, publicKey);
  }

  /** Returns {@code XDH}, the name the JDK 17 gives X25519 keys. */
  @Override
  public String getAlgorithm() {
    return "XDH";
  }

  @Override
  public AlgorithmParameterSpec getParams() {
    return NamedParameterSpec.X25519;
  }
}
