package dev.keychain4j.spi;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The outcome of a passcode check: the passcode record to store and, on success, a token. */
public final class PasscodeVerification {
  private final byte[] record;
  private final @Nullable AuthToken token;

  public PasscodeVerification(byte[] record, @Nullable AuthToken token) {
    this.record = record.clone();
    this.token = token;
  }

  /** Returns a copy of the record to store, whatever the outcome. */
  public byte[] record() {
    return record.clone();
  }

  /** Returns the token when the passcode was right. */
  public Optional<AuthToken> token() {
    return Optional.ofNullable(token);
  }

  @Override
  public String toString() {
    return "PasscodeVerification{" + (token == null ? "wrong passcode" : "accepted") + "}";
  }
}
