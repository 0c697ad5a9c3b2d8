package dev.keychain4j;

import org.jspecify.annotations.Nullable;

/** No item of the requested class has the tag. */
public class ItemNotFoundException extends KeychainException {
  private static final long serialVersionUID = 1L;

  public ItemNotFoundException(String message) {
    super(message);
  }

  public ItemNotFoundException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
