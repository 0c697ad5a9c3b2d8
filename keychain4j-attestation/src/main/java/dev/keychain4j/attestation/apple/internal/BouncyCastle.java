package dev.keychain4j.attestation.apple.internal;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The BouncyCastle provider used for certificate paths and ECDSA, not registered with {@link
 * java.security.Security} so the application's provider order stays as it is.
 */
public final class BouncyCastle {
  private static final Provider PROVIDER = new BouncyCastleProvider();

  private BouncyCastle() {}

  /** Returns the shared provider instance. */
  public static Provider provider() {
    return PROVIDER;
  }
}
