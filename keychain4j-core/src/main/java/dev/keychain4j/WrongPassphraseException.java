package dev.keychain4j;

import org.jspecify.annotations.Nullable;

/** The passphrase does not unwrap the device key; the keychain is unchanged. */
public class WrongPassphraseException extends KeychainException {
  private static final long serialVersionUID = 1L;

  public WrongPassphraseException(String message) {
    super(message);
  }

  public WrongPassphraseException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
