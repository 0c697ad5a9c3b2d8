package dev.keychain4j;

/**
 * Reads the keychain's passcode from the user when a key's access control needs {@link
 * AuthenticatorType#DEVICE_PASSCODE}. The secure element checks the passcode against its stored
 * slow hash and counts failures; the keychain wipes the returned array after use.
 */
@FunctionalInterface
public interface PasscodePrompt {
  /**
   * Returns the passcode the user entered.
   *
   * @param reason a short text naming the key and operation, for the prompt
   * @throws UserNotAuthenticatedException if the user declined
   */
  char[] readPasscode(String reason) throws KeychainException;
}
