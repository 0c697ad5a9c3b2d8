package dev.keychain4j;

/**
 * The key required the biometric enrollment that was current when it was generated, and that
 * enrollment changed. The key can never be used again: delete it and generate a new one.
 */
public class KeyPermanentlyInvalidatedException extends KeychainException {
  private static final long serialVersionUID = 1L;

  public KeyPermanentlyInvalidatedException(String message) {
    super(message);
  }
}
