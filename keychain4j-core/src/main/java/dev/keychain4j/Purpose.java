package dev.keychain4j;

import java.util.Locale;

/**
 * An operation a key may be used for, with the meaning of Android's {@code KeyProperties.PURPOSE_*}.
 * SIGN, DECRYPT, AGREE_KEY and ATTEST_KEY are private-key operations run in the secure element;
 * VERIFY and ENCRYPT use only the public key and run in the library.
 */
public enum Purpose {
  /** Create signatures with the private key. */
  SIGN("sign"),
  /** Verify signatures with the public key. */
  VERIFY("verify"),
  /** Encrypt with the public key (RSA-OAEP). */
  ENCRYPT("encrypt"),
  /** Decrypt with the private key (RSA-OAEP). */
  DECRYPT("decrypt"),
  /** Derive a shared secret with a peer's public key (ECDH, X25519). */
  AGREE_KEY("agree-key"),
  /**
   * Sign attestation certificates of other keys in place of the keychain's attestation key, as
   * Android's {@code PURPOSE_ATTEST_KEY}. EC and RSA keys only, and no other purpose may be given.
   */
  ATTEST_KEY("attest-key");

  private final String cliName;

  Purpose(String cliName) {
    this.cliName = cliName;
  }

  /** Returns the lower-case name used on the command line, such as {@code agree-key}. */
  public String cliName() {
    return cliName;
  }

  /**
   * Returns the purpose with the given command-line name, ignoring case.
   *
   * @throws IllegalArgumentException if no purpose has that name
   */
  public static Purpose fromCliName(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    for (Purpose purpose : values()) {
      if (purpose.cliName.equals(wanted)) {
        return purpose;
      }
    }
    throw new IllegalArgumentException(
        "Unknown purpose '" + name + "': use one of " + Names.list(values()));
  }
}
