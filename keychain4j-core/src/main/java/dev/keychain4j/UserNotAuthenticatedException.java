package dev.keychain4j;

/**
 * The key's access control needs a user authentication that was not given, or whose token the
 * secure element rejected (forged, altered, expired, replayed, or of the wrong kind).
 */
public class UserNotAuthenticatedException extends KeychainException {
  private static final long serialVersionUID = 1L;

  public UserNotAuthenticatedException(String message) {
    super(message);
  }
}
