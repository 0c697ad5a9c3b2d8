package dev.keychain4j;

import org.jspecify.annotations.Nullable;

/** An item of the same class already has the tag. */
public class DuplicateItemException extends KeychainException {
  private static final long serialVersionUID = 1L;

  public DuplicateItemException(String message) {
    super(message);
  }

  public DuplicateItemException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
