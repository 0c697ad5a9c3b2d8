package dev.keychain4j.pkcs11;

import dev.keychain4j.KeychainException;

/** A PKCS#11 function returned an error; the message names the function and the CKR code. */
public final class Pkcs11Exception extends KeychainException {
  private static final long serialVersionUID = 1L;

  private final long result;

  Pkcs11Exception(String message, long result) {
    super(message);
    this.result = result;
  }

  /** Returns the {@code CKR_} return value. */
  public long result() {
    return result;
  }
}
