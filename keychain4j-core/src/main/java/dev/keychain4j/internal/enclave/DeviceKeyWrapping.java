package dev.keychain4j.internal.enclave;

import dev.keychain4j.KeyCorruptedException;
import dev.keychain4j.WrongPassphraseException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Wraps the 256-bit device key under a key derived from the passphrase with scrypt, and unwraps
 * it. The scrypt parameters and salt are stored in the clear in the record's header, which is the
 * associated data of the AES-256-GCM encryption, so they cannot be changed unnoticed.
 *
 * <pre>
 *   "K4DK"  4 bytes magic
 *   1       version
 *   1       KDF: 1 = scrypt
 *   u8      log2(N)
 *   u32     r
 *   u32     p
 *   u8      salt length, then the salt
 *   12      GCM nonce
 *   48      encrypted device key and GCM tag
 * </pre>
 */
public final class DeviceKeyWrapping {
  /** scrypt N = 2^15, r = 8, p = 1: 32 MiB of memory and about 0.1 s per open on a current CPU. */
  static final int LOG2_N = 15;

  static final int R = 8;
  static final int P = 1;
  static final int SALT_LENGTH = 16;
  static final int DEVICE_KEY_LENGTH = 32;

  private static final byte[] MAGIC = {'K', '4', 'D', 'K'};
  private static final int VERSION = 1;
  private static final int KDF_SCRYPT = 1;
  private static final int NONCE_LENGTH = 12;
  private static final int TAG_BITS = 128;

  private DeviceKeyWrapping() {}

  /** Returns the wrapped record of {@code deviceKey} under {@code passphrase} (UTF-8 bytes). */
  public static byte[] wrap(byte[] deviceKey, byte[] passphrase, SecureRandom random) {
    byte[] salt = new byte[SALT_LENGTH];
    random.nextBytes(salt);
    byte[] nonce = new byte[NONCE_LENGTH];
    random.nextBytes(nonce);

    ByteBuffer header = ByteBuffer.allocate(4 + 1 + 1 + 1 + 4 + 4 + 1 + SALT_LENGTH);
    header.put(MAGIC).put((byte) VERSION).put((byte) KDF_SCRYPT).put((byte) LOG2_N);
    header.putInt(R).putInt(P).put((byte) SALT_LENGTH).put(salt);
    byte[] headerBytes = header.array();

    byte[] kek = SCrypt.generate(passphrase, salt, 1 << LOG2_N, R, P, 32);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(headerBytes);
      byte[] ciphertext = cipher.doFinal(deviceKey);
      return ByteBuffer.allocate(headerBytes.length + NONCE_LENGTH + ciphertext.length)
          .put(headerBytes)
          .put(nonce)
          .put(ciphertext)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JDK", e);
    } finally {
      Arrays.fill(kek, (byte) 0);
    }
  }

  /**
   * Unwraps the device key.
   *
   * @throws WrongPassphraseException if the passphrase does not decrypt the record
   * @throws KeyCorruptedException if the record does not parse or has out-of-range parameters
   */
  public static byte[] unwrap(byte[] record, byte[] passphrase)
      throws WrongPassphraseException, KeyCorruptedException {
    ByteBuffer in = ByteBuffer.wrap(record);
    byte[] magic = new byte[4];
    int fixedHeader = 4 + 1 + 1 + 1 + 4 + 4 + 1;
    if (record.length < fixedHeader) {
      throw corrupted("it is truncated");
    }
    in.get(magic);
    int version = in.get();
    int kdf = in.get();
    int log2n = in.get();
    int r = in.getInt();
    int p = in.getInt();
    int saltLength = in.get() & 0xff;
    if (!Arrays.equals(magic, MAGIC) || version != VERSION || kdf != KDF_SCRYPT) {
      throw corrupted("it has an unknown format");
    }
    // Bounds keep a tampered record from making open() take unbounded time or memory.
    if (log2n < 10 || log2n > 22 || r < 1 || r > 32 || p < 1 || p > 16) {
      throw corrupted("its scrypt parameters are out of range");
    }
    if (saltLength < 16 || saltLength > 64
        || in.remaining() != saltLength + NONCE_LENGTH + DEVICE_KEY_LENGTH + TAG_BITS / 8) {
      throw corrupted("it has the wrong length");
    }
    byte[] salt = new byte[saltLength];
    in.get(salt);
    byte[] headerBytes = Arrays.copyOf(record, fixedHeader + saltLength);
    byte[] nonce = new byte[NONCE_LENGTH];
    in.get(nonce);
    byte[] ciphertext = new byte[in.remaining()];
    in.get(ciphertext);

    byte[] kek = SCrypt.generate(passphrase, salt, 1 << log2n, r, p, 32);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(headerBytes);
      return cipher.doFinal(ciphertext);
    } catch (AEADBadTagException e) {
      throw new WrongPassphraseException(
          "Wrong passphrase: it does not unlock this keychain's device key. Nothing was changed;"
              + " try again with the passphrase given at init");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JDK", e);
    } finally {
      Arrays.fill(kek, (byte) 0);
    }
  }

  private static KeyCorruptedException corrupted(String reason) {
    return new KeyCorruptedException(
        "The keychain's wrapped device key record is unreadable because " + reason
            + "; restore the keychain directory from a backup");
  }
}
