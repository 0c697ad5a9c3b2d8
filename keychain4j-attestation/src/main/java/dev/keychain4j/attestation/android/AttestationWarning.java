package dev.keychain4j.attestation.android;

import java.util.Objects;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/** A deviation or weakened check that did not cause a rejection. */
public final class AttestationWarning {
  private final WarningCode code;
  private final @Nullable Integer tag;
  private final String message;

  /**
   * Creates a warning.
   *
   * @param code the kind of warning
   * @param tag the authorization tag concerned, or null
   * @param message a sentence describing the deviation
   */
  public AttestationWarning(WarningCode code, @Nullable Integer tag, String message) {
    this.code = Objects.requireNonNull(code, "code");
    this.tag = tag;
    this.message = Objects.requireNonNull(message, "message");
  }

  public WarningCode code() {
    return code;
  }

  /** Returns the authorization tag concerned, if any. */
  public OptionalInt tag() {
    return tag == null ? OptionalInt.empty() : OptionalInt.of(tag);
  }

  public String message() {
    return message;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof AttestationWarning
        && ((AttestationWarning) other).code == code
        && Objects.equals(((AttestationWarning) other).tag, tag)
        && ((AttestationWarning) other).message.equals(message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(code, tag, message);
  }

  @Override
  public String toString() {
    return code + (tag == null ? "" : " (tag " + tag + ")") + ": " + message;
  }
}
