package dev.keychain4j.internal;

/** Stored bytes do not parse: truncated, trailing data, unknown values, or broken rules. */
public final class MalformedDataException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedDataException(String message) {
    super(message);
  }
}
