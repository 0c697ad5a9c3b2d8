package dev.keychain4j.internal;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The BouncyCastle provider instance the keychain uses, without registering it in {@code
 * java.security.Security}, so applications keep their own provider order.
 */
public final class BouncyCastle {
  /** Shared because building a provider instance takes tens of milliseconds. */
  public static final Provider PROVIDER = new BouncyCastleProvider();

  private BouncyCastle() {}
}
