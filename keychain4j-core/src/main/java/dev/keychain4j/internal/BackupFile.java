package dev.keychain4j.internal;

import dev.keychain4j.Accessibility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;
import org.jspecify.annotations.Nullable;

/**
 * The encrypted backup file: items in plaintext form, encrypted with AES-256-GCM under a key
 * derived from the backup passphrase with scrypt (N = 2^15, r = 8, p = 1).
 *
 * <p>Layout: the ASCII magic {@code K4JB}, version 1, log2 N, a 16-byte salt and a 12-byte nonce
 * (together the header, which is the GCM associated data), then the ciphertext and its tag. The
 * plaintext is a 4-byte entry count and the entries: kind (1 secret, 2 certificate), tag, label
 * flag and label, accessibility code, and the data as a 4-byte length and bytes.
 */
public final class BackupFile {
  private static final byte[] MAGIC = "K4JB".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final int LOG2_N = 15;
  private static final int SALT_LENGTH = 16;
  private static final int NONCE_LENGTH = 12;
  private static final int HEADER_LENGTH = MAGIC.length + 2 + SALT_LENGTH + NONCE_LENGTH;
  /** Bounds the entries a file may claim, so a corrupt count cannot exhaust memory. */
  private static final int MAX_ENTRIES = 1_000_000;

  private BackupFile() {}

  /** The kind of a backup entry. */
  public enum Kind {
    SECRET,
    CERTIFICATE
  }

  /** One item in a backup: its data is the secret's plaintext or the certificate's DER. */
  public record Entry(Kind kind, String tag, @Nullable String label, Accessibility accessibility, byte[] data) {
    @Override
    public String toString() {
      return "Entry{" + kind + " '" + tag + "', " + accessibility.cliName() + "}";
    }
  }

  /** Encrypts {@code entries} under {@code passphrase}. */
  public static byte[] seal(List<Entry> entries, byte[] passphrase, SecureRandom random) {
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(plain);
    try {
      out.writeInt(entries.size());
      for (Entry entry : entries) {
        out.writeByte(entry.kind() == Kind.SECRET ? 1 : 2);
        out.writeUTF(entry.tag());
        out.writeBoolean(entry.label() != null);
        if (entry.label() != null) {
          out.writeUTF(entry.label());
        }
        out.writeByte(AuthorizationCodec.accessibilityCode(entry.accessibility()));
        out.writeInt(entry.data().length);
        out.write(entry.data());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    byte[] plaintext = plain.toByteArray();

    byte[] salt = new byte[SALT_LENGTH];
    byte[] nonce = new byte[NONCE_LENGTH];
    random.nextBytes(salt);
    random.nextBytes(nonce);
    byte[] header =
        ByteBuffer.allocate(HEADER_LENGTH)
            .put(MAGIC)
            .put((byte) VERSION)
            .put((byte) LOG2_N)
            .put(salt)
            .put(nonce)
            .array();
    byte[] key = SCrypt.generate(passphrase, salt, 1 << LOG2_N, 8, 1, 32);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
      cipher.updateAAD(header);
      byte[] ciphertext = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(header.length + ciphertext.length).put(header).put(ciphertext).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JDK", e);
    } finally {
      Arrays.fill(key, (byte) 0);
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  /**
   * Decrypts and parses a backup file.
   *
   * @throws MalformedDataException if it is not a backup file, or does not parse
   * @throws AEADBadTagException if the passphrase is wrong or the file was altered
   */
  public static List<Entry> open(byte[] file, byte[] passphrase)
      throws MalformedDataException, AEADBadTagException {
    if (file.length < HEADER_LENGTH + 16
        || !Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)
        || file[MAGIC.length] != VERSION) {
      throw new MalformedDataException("not a keychain4j backup file of version " + VERSION);
    }
    int log2N = file[MAGIC.length + 1];
    if (log2N < 10 || log2N > 22) {
      throw new MalformedDataException("scrypt cost 2^" + log2N + " out of range");
    }
    byte[] header = Arrays.copyOf(file, HEADER_LENGTH);
    byte[] salt = Arrays.copyOfRange(file, MAGIC.length + 2, MAGIC.length + 2 + SALT_LENGTH);
    byte[] nonce = Arrays.copyOfRange(file, HEADER_LENGTH - NONCE_LENGTH, HEADER_LENGTH);
    byte[] key = SCrypt.generate(passphrase, salt, 1 << log2N, 8, 1, 32);
    byte[] plaintext;
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
      cipher.updateAAD(header);
      plaintext = cipher.doFinal(file, HEADER_LENGTH, file.length - HEADER_LENGTH);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JDK", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }

    try {
      return parse(plaintext);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  private static List<Entry> parse(byte[] plaintext) throws MalformedDataException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(plaintext));
    try {
      int count = in.readInt();
      if (count < 0 || count > MAX_ENTRIES) {
        throw new MalformedDataException("entry count " + count + " out of range");
      }
      List<Entry> entries = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int kind = in.readUnsignedByte();
        if (kind != 1 && kind != 2) {
          throw new MalformedDataException("unknown entry kind " + kind);
        }
        String tag = in.readUTF();
        String label = in.readBoolean() ? in.readUTF() : null;
        Accessibility accessibility = AuthorizationCodec.accessibilityFromCode(in.readUnsignedByte());
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
          throw new MalformedDataException("entry length " + length + " out of range");
        }
        byte[] data = new byte[length];
        in.readFully(data);
        entries.add(new Entry(kind == 1 ? Kind.SECRET : Kind.CERTIFICATE, tag, label, accessibility, data));
      }
      if (in.available() != 0) {
        throw new MalformedDataException("trailing bytes after the last entry");
      }
      return entries;
    } catch (IOException e) {
      throw new MalformedDataException("truncated backup entries");
    }
  }
}
