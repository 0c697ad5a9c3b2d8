package dev.keychain4j;

/**
 * A way for the user to prove presence or identity, plugged into the secure element with {@link
 * Keychain#registerAuthenticator}. The element calls it when a key's access control needs its
 * {@link #type()}, and on success issues an authentication token that it verifies itself before
 * using the key. Passcodes are not checked by an authenticator but by the element: see {@link
 * PasscodePrompt}.
 *
 * <p>An authenticator runs in the process that runs the element, and the element trusts its
 * verdict, as a phone's keystore trusts its biometric sensor.
 */
public interface Authenticator {
  /** Returns {@link AuthenticatorType#USER_PRESENCE} or {@link AuthenticatorType#BIOMETRY_ANY}. */
  AuthenticatorType type();

  /**
   * Returns the id of the current enrollment, which changes whenever the enrolled credentials
   * change (a biometric added or removed). Keys generated with {@code BIOMETRY_CURRENT_SET} are
   * bound to the id at their generation.
   */
  long enrollmentId();

  /**
   * Asks the user to authenticate and returns normally on success.
   *
   * @param reason a short text naming the key and operation, for the prompt
   * @throws UserNotAuthenticatedException if the user declined or failed
   */
  void authenticate(String reason) throws KeychainException;
}
