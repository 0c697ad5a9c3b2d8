package dev.keychain4j;

import org.jspecify.annotations.Nullable;

/** The item store could not be read or written (I/O or database failure). */
public class KeychainStorageException extends KeychainException {
  private static final long serialVersionUID = 1L;

  public KeychainStorageException(String message) {
    super(message);
  }

  public KeychainStorageException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
