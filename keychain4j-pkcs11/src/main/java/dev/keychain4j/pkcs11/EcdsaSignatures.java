package dev.keychain4j.pkcs11;

import java.io.ByteArrayOutputStream;

/** Converts the PKCS#11 ECDSA signature (r then s, each the field size) to the DER SEQUENCE. */
final class EcdsaSignatures {
  private EcdsaSignatures() {}

  static byte[] toDer(byte[] raw) {
    if (raw.length == 0 || raw.length % 2 != 0) {
      throw new IllegalArgumentException("ECDSA signature of " + raw.length + " bytes from the token: expected r and s of equal size");
    }
    int half = raw.length / 2;
    byte[] r = integer(raw, 0, half);
    byte[] s = integer(raw, half, half);
    ByteArrayOutputStream out = new ByteArrayOutputStream(r.length + s.length + 8);
    out.write(0x30);
    writeLength(out, r.length + s.length);
    out.writeBytes(r);
    out.writeBytes(s);
    return out.toByteArray();
  }

  /** DER INTEGER of an unsigned big-endian value: no leading zeros, a zero byte if the top bit is set. */
  private static byte[] integer(byte[] raw, int offset, int length) {
    int start = offset;
    int end = offset + length;
    while (start < end - 1 && raw[start] == 0) {
      start++;
    }
    boolean pad = (raw[start] & 0x80) != 0;
    int contentLength = end - start + (pad ? 1 : 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream(contentLength + 4);
    out.write(0x02);
    writeLength(out, contentLength);
    if (pad) {
      out.write(0);
    }
    out.write(raw, start, end - start);
    return out.toByteArray();
  }

  private static void writeLength(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length & 0xFF);
    }
  }
}
