package dev.keychain4j;

import java.security.GeneralSecurityException;
import org.jspecify.annotations.Nullable;

/**
 * A keychain operation failed or was refused. Subclasses name the reason; messages name the item
 * or value involved and what to do, and never contain key bytes, secrets or passphrases.
 */
public class KeychainException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  public KeychainException(String message) {
    super(message);
  }

  public KeychainException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
