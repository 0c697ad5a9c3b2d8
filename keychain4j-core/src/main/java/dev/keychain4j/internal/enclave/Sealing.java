package dev.keychain4j.internal.enclave;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * AES-256-GCM sealing under keys derived from the device key with HKDF-SHA256 (RFC 5869).
 *
 * <p>Sealed record: one version byte (1), a 12-byte random nonce, then ciphertext and 16-byte tag.
 * The version byte is part of the associated data together with the caller's context.
 */
public final class Sealing {
  static final int VERSION = 1;
  private static final int NONCE_LENGTH = 12;
  private static final int TAG_LENGTH = 16;

  private Sealing() {}

  /** Derives a 32-byte key from the device key for one purpose, named by {@code info}. */
  public static byte[] derive(byte[] deviceKey, String info) {
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(deviceKey, null, info.getBytes(StandardCharsets.US_ASCII)));
    byte[] derived = new byte[32];
    hkdf.generateBytes(derived, 0, derived.length);
    return derived;
  }

  /** Encrypts {@code plaintext} with a fresh random nonce. */
  public static byte[] seal(SecretKey key, byte[] associatedData, byte[] plaintext, SecureRandom random) {
    byte[] nonce = new byte[NONCE_LENGTH];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
      cipher.updateAAD(new byte[] {VERSION});
      cipher.updateAAD(associatedData);
      byte[] ciphertext = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(1 + NONCE_LENGTH + ciphertext.length)
          .put((byte) VERSION)
          .put(nonce)
          .put(ciphertext)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JDK", e);
    }
  }

  /**
   * Decrypts a record made by {@link #seal} with the same key and associated data.
   *
   * @throws AEADBadTagException if the record is malformed or fails authentication
   */
  public static byte[] unseal(SecretKey key, byte[] associatedData, byte[] sealed)
      throws AEADBadTagException {
    if (sealed.length < 1 + NONCE_LENGTH + TAG_LENGTH || sealed[0] != VERSION) {
      throw new AEADBadTagException("sealed record is truncated or has an unknown version");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          key,
          new GCMParameterSpec(TAG_LENGTH * 8, Arrays.copyOfRange(sealed, 1, 1 + NONCE_LENGTH)));
      cipher.updateAAD(new byte[] {VERSION});
      cipher.updateAAD(associatedData);
      return cipher.doFinal(sealed, 1 + NONCE_LENGTH, sealed.length - 1 - NONCE_LENGTH);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JDK", e);
    }
  }

  /**
   * Returns the context that binds a record to one item: a domain string, the tag as
   * length-prefixed UTF-8, the item id, then {@code extra}.
   */
  public static byte[] context(String domain, String tag, long id, byte[] extra) {
    byte[] domainBytes = domain.getBytes(StandardCharsets.US_ASCII);
    byte[] tagBytes = tag.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(domainBytes.length + 1 + 4 + tagBytes.length + 8 + extra.length)
        .put(domainBytes)
        .put((byte) 0)
        .putInt(tagBytes.length)
        .put(tagBytes)
        .putLong(id)
        .put(extra)
        .array();
  }
}
