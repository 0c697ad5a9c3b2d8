package dev.keychain4j;

/** A kind of user authentication, as named in an {@link AccessControl} and an authentication token. */
public enum AuthenticatorType {
  /** The user confirms that they are present (a prompt on the terminal). */
  USER_PRESENCE("user-presence", 0x01),
  /** The user enters the keychain's passcode. */
  DEVICE_PASSCODE("device-passcode", 0x02),
  /** Any enrolled biometric. */
  BIOMETRY_ANY("biometry-any", 0x04),
  /** A biometric of the enrollment current when the key was generated. */
  BIOMETRY_CURRENT_SET("biometry-current-set", 0x08);

  private final String cliName;
  private final int bit;

  AuthenticatorType(String cliName, int bit) {
    this.cliName = cliName;
    this.bit = bit;
  }

  /** Returns the lower-case name used on the command line, such as {@code biometry-any}. */
  public String cliName() {
    return cliName;
  }

  /** Returns the fixed bit of this type in stored encodings, independent of the enum order. */
  public int bit() {
    return bit;
  }

  /** Returns whether a token of this type satisfies a requirement of type {@code required}. */
  public boolean satisfies(AuthenticatorType required) {
    // A biometric token bound to an enrollment also proves "any biometric".
    return this == required || (this == BIOMETRY_CURRENT_SET && required == BIOMETRY_ANY)
        || (this == BIOMETRY_ANY && required == BIOMETRY_CURRENT_SET);
  }
}
