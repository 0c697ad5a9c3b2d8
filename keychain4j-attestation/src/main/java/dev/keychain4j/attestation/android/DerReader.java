package dev.keychain4j.attestation.android;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads one level of DER tag-length-value elements from a byte range.
 *
 * <p>The KeyDescription parser walks the outer structure with this reader so that a truncated or
 * malformed element is reported with the field or tag it belongs to; BouncyCastle then decodes each
 * element's value.
 */
final class DerReader {
  static final int CLASS_UNIVERSAL = 0x00;
  static final int CLASS_CONTEXT = 0x80;

  /** One element: its header fields and where its bytes sit in the buffer. */
  static final class Element {
    final int tagClass;
    final boolean constructed;
    final int tagNumber;
    private final byte[] buffer;
    private final int start;
    final int valueStart;
    final int end;

    Element(
        byte[] buffer,
        int tagClass,
        boolean constructed,
        int tagNumber,
        int start,
        int valueStart,
        int end) {
      this.buffer = buffer;
      this.tagClass = tagClass;
      this.constructed = constructed;
      this.tagNumber = tagNumber;
      this.start = start;
      this.valueStart = valueStart;
      this.end = end;
    }

    /** Returns the whole element (header and value). */
    byte[] encoded() {
      return Arrays.copyOfRange(buffer, start, end);
    }

    /** Returns a reader over the element's value, for constructed elements. */
    DerReader contents() {
      return new DerReader(buffer, valueStart, end);
    }

    boolean is(int expectedClass, int expectedNumber) {
      return tagClass == expectedClass && tagNumber == expectedNumber;
    }
  }

  private final byte[] buffer;
  private int position;
  private final int end;

  DerReader(byte[] buffer) {
    this(buffer, 0, buffer.length);
  }

  private DerReader(byte[] buffer, int start, int end) {
    this.buffer = buffer;
    this.position = start;
    this.end = end;
  }

  boolean hasMore() {
    return position < end;
  }

  /**
   * Reads the next element.
   *
   * @param field the field being read, for the error message
   * @param tag the authorization tag being read, or null
   */
  Element next(String field, @Nullable Integer tag) throws KeyDescriptionParseException {
    int start = position;
    if (position >= end) {
      throw new KeyDescriptionParseException(field + ": missing (data ends early)", tag);
    }
    int first = buffer[position++] & 0xFF;
    int tagClass = first & 0xC0;
    boolean constructed = (first & 0x20) != 0;
    int tagNumber = first & 0x1F;
    if (tagNumber == 0x1F) {
      tagNumber = 0;
      int digits = 0;
      int octet;
      do {
        if (position >= end) {
          throw new KeyDescriptionParseException(field + ": tag number is truncated", tag);
        }
        octet = buffer[position++] & 0xFF;
        digits++;
        // Four base-128 digits cover every KeyMint tag; more would overflow an int.
        if (digits > 4) {
          throw new KeyDescriptionParseException(field + ": tag number is too large", tag);
        }
        tagNumber = (tagNumber << 7) | (octet & 0x7F);
      } while ((octet & 0x80) != 0);
    }

    if (position >= end) {
      throw new KeyDescriptionParseException(field + ": length is missing (data ends early)", tag);
    }
    int lengthByte = buffer[position++] & 0xFF;
    long length;
    if (lengthByte < 0x80) {
      length = lengthByte;
    } else if (lengthByte == 0x80) {
      throw new KeyDescriptionParseException(
          field + ": indefinite length is not allowed in DER", tag);
    } else {
      int count = lengthByte & 0x7F;
      if (count > 4) {
        throw new KeyDescriptionParseException(field + ": length field is too long", tag);
      }
      length = 0;
      for (int i = 0; i < count; i++) {
        if (position >= end) {
          throw new KeyDescriptionParseException(field + ": length is truncated", tag);
        }
        length = (length << 8) | (buffer[position++] & 0xFF);
      }
    }
    if (length > end - position) {
      throw new KeyDescriptionParseException(
          field
              + ": truncated, the length is "
              + length
              + " bytes but "
              + (end - position)
              + " remain",
          tag);
    }
    int valueStart = position;
    position += (int) length;
    return new Element(buffer, tagClass, constructed, tagNumber, start, valueStart, position);
  }
}
