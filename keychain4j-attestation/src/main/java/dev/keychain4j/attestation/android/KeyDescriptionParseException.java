package dev.keychain4j.attestation.android;

import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when the KeyDescription extension is present but cannot be decoded: a wrong ASN.1 type,
 * truncated data, trailing bytes, or a value outside its range.
 */
public final class KeyDescriptionParseException extends Exception {
  private final @Nullable Integer tag;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, naming the field
   * @param tag the authorization tag number whose value failed, or null for a top-level field
   */
  public KeyDescriptionParseException(String message, @Nullable Integer tag) {
    super(message);
    this.tag = tag;
  }

  KeyDescriptionParseException(String message, @Nullable Integer tag, Throwable cause) {
    super(message, cause);
    this.tag = tag;
  }

  /** Returns the authorization tag whose value failed, or empty for a top-level field. */
  public OptionalInt tag() {
    return tag == null ? OptionalInt.empty() : OptionalInt.of(tag);
  }
}
