package dev.keychain4j.attestation.apple;

import java.util.Objects;

/**
 * Thrown when an App Attest attestation or assertion is rejected, either because it cannot be
 * decoded or because one of the checks failed. {@link #reason()} names which.
 *
 * <p>Messages name the failed check and, for decoding errors, the offset or field. They never
 * contain key material or the caller's challenge.
 */
public final class AppAttestException extends Exception {
  private final AppAttestReason reason;

  /** Creates an exception for {@code reason} with a message describing what was found. */
  public AppAttestException(AppAttestReason reason, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Creates an exception for {@code reason} caused by a lower-level decoding error. */
  public AppAttestException(AppAttestReason reason, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Returns the reason code of the rejection. */
  public AppAttestReason reason() {
    return reason;
  }

  /** Returns whether the input could not be decoded (as opposed to failing a check). */
  public boolean isMalformedInput() {
    return reason.isMalformedInput();
  }
}
