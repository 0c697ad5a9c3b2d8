package dev.keychain4j.spi;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The opaque bytes by which a secure element finds a key again: a sealed blob for the software
 * enclave, an object handle or id on a PKCS#11 token, a TPM context. Only the element that made
 * it interprets it; the keychain stores it as is. {@link #toString()} shows only its length.
 */
public final class KeyReference {
  private final byte[] bytes;

  private KeyReference(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of {@code bytes}. */
  public static KeyReference of(byte[] bytes) {
    if (bytes.length == 0) {
      throw new IllegalArgumentException("Empty key reference: an element must return some bytes");
    }
    return new KeyReference(bytes.clone());
  }

  /** Returns a copy of the bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  /** Compares with {@code other} in constant time, without copying. */
  public boolean contentEquals(KeyReference other) {
    return MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KeyReference && contentEquals((KeyReference) other);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "KeyReference{" + bytes.length + " bytes}";
  }
}
