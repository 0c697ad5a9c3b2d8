package dev.keychain4j;

import org.jspecify.annotations.Nullable;

/** A certificate's public key does not match the key it is imported for. */
public class CertificateMismatchException extends KeychainException {
  private static final long serialVersionUID = 1L;

  public CertificateMismatchException(String message) {
    super(message);
  }

  public CertificateMismatchException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
