package dev.keychain4j;

import java.time.Duration;

/**
 * Too many wrong passcodes: the secure element accepts the next attempt only after a delay, which
 * grows with each further failure. The failure count is stored with the keychain, so restarting
 * the process does not reset it.
 */
public class AuthenticationLockoutException extends UserNotAuthenticatedException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  public AuthenticationLockoutException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  /** Returns how long to wait before the next attempt. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
