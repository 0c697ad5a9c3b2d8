package dev.keychain4j;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in biometric sensor for tests and demos: it accepts or rejects as configured, and its
 * enrollment can be changed, which permanently invalidates keys generated with {@code
 * BIOMETRY_CURRENT_SET}. It checks no biometric at all, so never register it in production.
 */
public final class InsecureTestBiometricAuthenticator implements Authenticator {
  private final SecureRandom random = new SecureRandom();
  private final AtomicInteger prompts = new AtomicInteger();
  private volatile long enrollmentId;
  private volatile boolean accepting = true;

  public InsecureTestBiometricAuthenticator() {
    this.enrollmentId = newEnrollmentId();
  }

  private long newEnrollmentId() {
    long id;
    do {
      id = random.nextLong();
    } while (id == 0);
    return id;
  }

  @Override
  public AuthenticatorType type() {
    return AuthenticatorType.BIOMETRY_ANY;
  }

  @Override
  public long enrollmentId() {
    return enrollmentId;
  }

  /** Simulates adding or removing a fingerprint: the enrollment gets a new random id. */
  public void changeEnrollment() {
    enrollmentId = newEnrollmentId();
  }

  /** Sets whether the next authentications succeed. */
  public void setAccepting(boolean accepting) {
    this.accepting = accepting;
  }

  /** Returns how many times the authenticator was asked. */
  public int prompts() {
    return prompts.get();
  }

  @Override
  public void authenticate(String reason) throws KeychainException {
    prompts.incrementAndGet();
    if (!accepting) {
      throw new UserNotAuthenticatedException("Biometric authentication failed for " + reason);
    }
  }

  @Override
  public String toString() {
    return "InsecureTestBiometricAuthenticator{accepting=" + accepting + "}";
  }
}
