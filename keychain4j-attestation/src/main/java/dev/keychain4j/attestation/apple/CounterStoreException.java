package dev.keychain4j.attestation.apple;

/**
 * Thrown when an {@link AssertionCounterStore} cannot read or write its state. The assertion is
 * then neither accepted nor rejected: retry it, or treat the failure as a server error.
 */
public final class CounterStoreException extends Exception {
  /** Creates an exception with a message naming the failed operation. */
  public CounterStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
