package dev.keychain4j.pkcs11;

import dev.keychain4j.KeychainException;

/** The token lacks a mechanism that an algorithm needs; the message names both. */
public final class UnsupportedAlgorithmException extends KeychainException {
  private static final long serialVersionUID = 1L;

  UnsupportedAlgorithmException(String message) {
    super(message);
  }
}
