package dev.keychain4j;

import java.util.concurrent.atomic.AtomicInteger;

/** A presence authenticator for tests that accepts or declines as configured and counts prompts. */
final class CountingPresence implements Authenticator {
  final AtomicInteger prompts = new AtomicInteger();
  volatile boolean accepting = true;

  @Override
  public AuthenticatorType type() {
    return AuthenticatorType.USER_PRESENCE;
  }

  @Override
  public long enrollmentId() {
    return 0;
  }

  @Override
  public void authenticate(String reason) throws KeychainException {
    prompts.incrementAndGet();
    if (!accepting) {
      throw new UserNotAuthenticatedException("Presence declined for " + reason);
    }
  }
}
