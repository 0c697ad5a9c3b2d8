package dev.keychain4j.attestation.apple.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 over concatenated byte arrays. */
public final class Digests {
  private Digests() {}

  /** Returns SHA-256 of the concatenation of {@code parts}. */
  public static byte[] sha256(byte[]... parts) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 (java.security.MessageDigest Javadoc).
      throw new IllegalStateException("SHA-256 is not available", e);
    }
    for (byte[] part : parts) {
      digest.update(part);
    }
    return digest.digest();
  }
}
