package dev.keychain4j.attestation.android;

/** Thrown when a revocation status list cannot be loaded or is malformed. */
public final class RevocationListException extends Exception {
  public RevocationListException(String message) {
    super(message);
  }

  public RevocationListException(String message, Throwable cause) {
    super(message, cause);
  }
}
