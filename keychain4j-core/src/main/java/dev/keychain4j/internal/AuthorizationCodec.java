package dev.keychain4j.internal;

import dev.keychain4j.Digest;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.Padding;
import dev.keychain4j.Purpose;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The canonical binary encoding of a key's authorizations (its {@link KeyParameters} without the
 * label). The software enclave authenticates it as associated data of the sealed key, so every
 * value here must have exactly one encoding: {@link #decode} accepts only what {@link #encode}
 * produces.
 *
 * <p>Format, version 1: one version byte, then fields in ascending field number, each a field
 * number byte followed by its value. Fields 1 to 3 are always present, the others only when set.
 *
 * <pre>
 *   1 algorithm        1 byte code
 *   2 purposes         1 byte bit set
 *   3 digests          1 byte bit set
 *   4 paddings         1 byte bit set, only for RSA keys (never empty for them)
 *   5 active from      8 byte epoch second, 4 byte nanosecond (big-endian)
 *   6 origination end  as active from
 *   7 consumption end  as active from
 *   8 usage limit      4 byte count, at least 1
 * </pre>
 */
public final class AuthorizationCodec {
  static final byte VERSION = 1;

  private static final int ALGORITHM = 1;
  private static final int PURPOSES = 2;
  private static final int DIGESTS = 3;
  private static final int PADDINGS = 4;
  private static final int ACTIVE_FROM = 5;
  private static final int ORIGINATION_END = 6;
  private static final int CONSUMPTION_END = 7;
  private static final int USAGE_LIMIT = 8;

  private AuthorizationCodec() {}

  /** Encodes the authorizations of {@code parameters}; the label is not part of it. */
  public static byte[] encode(KeyParameters parameters) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    out.write(VERSION);

    out.write(ALGORITHM);
    out.write(algorithmCode(parameters.algorithm()));
    out.write(PURPOSES);
    out.write(purposeBits(parameters.purposes()));
    out.write(DIGESTS);
    out.write(digestBits(parameters.digests()));
    if (!parameters.paddings().isEmpty()) {
      out.write(PADDINGS);
      out.write(paddingBits(parameters.paddings()));
    }

    writeInstant(out, ACTIVE_FROM, parameters.activeFrom());
    writeInstant(out, ORIGINATION_END, parameters.originationEnd());
    writeInstant(out, CONSUMPTION_END, parameters.consumptionEnd());
    if (parameters.usageLimit().isPresent()) {
      out.write(USAGE_LIMIT);
      out.writeBytes(ByteBuffer.allocate(4).putInt(parameters.usageLimit().getAsInt()).array());
    }
    return out.toByteArray();
  }

  /**
   * Decodes an encoding made by {@link #encode}.
   *
   * @throws MalformedDataException if the bytes are not exactly such an encoding
   */
  public static KeyParameters decode(byte[] encoding) throws MalformedDataException {
    ByteBuffer in = ByteBuffer.wrap(encoding);
    if (!in.hasRemaining() || in.get() != VERSION) {
      throw new MalformedDataException("unknown authorization encoding version");
    }

    KeyAlgorithm algorithm = algorithmFromCode(requiredField(in, ALGORITHM));
    Set<Purpose> purposes = purposesFromBits(requiredField(in, PURPOSES));
    Set<Digest> digests = digestsFromBits(requiredField(in, DIGESTS));
    KeyParameters.Builder builder =
        KeyParameters.builder(algorithm).purposes(purposes).digests(digests);

    int previous = DIGESTS;
    while (in.hasRemaining()) {
      int field = in.get();
      if (field <= previous) {
        throw new MalformedDataException("authorization field " + field + " out of order");
      }
      previous = field;
      switch (field) {
        case PADDINGS:
          builder.paddings(paddingsFromBits(readByte(in)));
          break;
        case ACTIVE_FROM:
          builder.activeFrom(readInstant(in));
          break;
        case ORIGINATION_END:
          builder.originationEnd(readInstant(in));
          break;
        case CONSUMPTION_END:
          builder.consumptionEnd(readInstant(in));
          break;
        case USAGE_LIMIT:
          int limit = readInt(in);
          if (limit < 1) {
            throw new MalformedDataException("usage limit below 1");
          }
          builder.usageLimit(limit);
          break;
        default:
          throw new MalformedDataException("unknown authorization field " + field);
      }
    }
    if (algorithm.family() == KeyAlgorithm.Family.RSA && previous < PADDINGS) {
      throw new MalformedDataException("RSA authorizations without paddings");
    }

    KeyParameters parameters;
    try {
      parameters = builder.build();
    } catch (IllegalArgumentException e) {
      throw new MalformedDataException("authorizations break a rule: " + e.getMessage());
    }
    // Defaults in the builder could fill in a value the bytes did not hold; a second encoding
    // catches every such difference.
    if (!java.util.Arrays.equals(encode(parameters), encoding)) {
      throw new MalformedDataException("non-canonical authorization encoding");
    }
    return parameters;
  }

  private static int requiredField(ByteBuffer in, int field) throws MalformedDataException {
    if (readByte(in) != field) {
      throw new MalformedDataException("missing authorization field " + field);
    }
    return readByte(in);
  }

  private static int readByte(ByteBuffer in) throws MalformedDataException {
    if (!in.hasRemaining()) {
      throw new MalformedDataException("truncated authorization encoding");
    }
    return in.get() & 0xff;
  }

  private static int readInt(ByteBuffer in) throws MalformedDataException {
    if (in.remaining() < 4) {
      throw new MalformedDataException("truncated authorization encoding");
    }
    return in.getInt();
  }

  private static Instant readInstant(ByteBuffer in) throws MalformedDataException {
    if (in.remaining() < 12) {
      throw new MalformedDataException("truncated authorization encoding");
    }
    long seconds = in.getLong();
    int nanos = in.getInt();
    if (nanos < 0 || nanos > 999_999_999) {
      throw new MalformedDataException("nanosecond field out of range");
    }
    try {
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (DateTimeException e) {
      throw new MalformedDataException("instant out of range");
    }
  }

  private static void writeInstant(ByteArrayOutputStream out, int field, Optional<Instant> value) {
    if (value.isPresent()) {
      out.write(field);
      ByteBuffer buffer = ByteBuffer.allocate(12);
      buffer.putLong(value.get().getEpochSecond()).putInt(value.get().getNano());
      out.writeBytes(buffer.array());
    }
  }

  // Codes and bits are fixed here rather than taken from enum ordinals, so that reordering an
  // enum never changes stored encodings.

  private static int algorithmCode(KeyAlgorithm algorithm) {
    switch (algorithm) {
      case EC_P256:
        return 1;
      case EC_P384:
        return 2;
      case EC_P521:
        return 3;
      case ED25519:
        return 4;
      case X25519:
        return 5;
      case RSA_2048:
        return 6;
      case RSA_3072:
        return 7;
      case RSA_4096:
        return 8;
      default:
        throw new IllegalStateException("Unhandled algorithm " + algorithm);
    }
  }

  private static KeyAlgorithm algorithmFromCode(int code) throws MalformedDataException {
    for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
      if (algorithmCode(algorithm) == code) {
        return algorithm;
      }
    }
    throw new MalformedDataException("unknown algorithm code " + code);
  }

  private static int purposeBit(Purpose purpose) {
    switch (purpose) {
      case SIGN:
        return 0x01;
      case VERIFY:
        return 0x02;
      case ENCRYPT:
        return 0x04;
      case DECRYPT:
        return 0x08;
      case AGREE_KEY:
        return 0x10;
      case ATTEST_KEY:
        return 0x20;
      default:
        throw new IllegalStateException("Unhandled purpose " + purpose);
    }
  }

  private static int digestBit(Digest digest) {
    switch (digest) {
      case NONE:
        return 0x01;
      case SHA256:
        return 0x02;
      case SHA384:
        return 0x04;
      case SHA512:
        return 0x08;
      default:
        throw new IllegalStateException("Unhandled digest " + digest);
    }
  }

  private static int paddingBit(Padding padding) {
    switch (padding) {
      case NONE:
        return 0x01;
      case RSA_PKCS1:
        return 0x02;
      case RSA_PSS:
        return 0x04;
      case RSA_OAEP:
        return 0x08;
      default:
        throw new IllegalStateException("Unhandled padding " + padding);
    }
  }

  private static int purposeBits(Set<Purpose> purposes) {
    int bits = 0;
    for (Purpose purpose : purposes) {
      bits |= purposeBit(purpose);
    }
    return bits;
  }

  private static int digestBits(Set<Digest> digests) {
    int bits = 0;
    for (Digest digest : digests) {
      bits |= digestBit(digest);
    }
    return bits;
  }

  private static int paddingBits(Set<Padding> paddings) {
    int bits = 0;
    for (Padding padding : paddings) {
      bits |= paddingBit(padding);
    }
    return bits;
  }

  private static Set<Purpose> purposesFromBits(int bits) throws MalformedDataException {
    EnumSet<Purpose> purposes = EnumSet.noneOf(Purpose.class);
    int known = 0;
    for (Purpose purpose : Purpose.values()) {
      known |= purposeBit(purpose);
      if ((bits & purposeBit(purpose)) != 0) {
        purposes.add(purpose);
      }
    }
    if ((bits & ~known) != 0) {
      throw new MalformedDataException("unknown purpose bits");
    }
    return purposes;
  }

  private static Set<Digest> digestsFromBits(int bits) throws MalformedDataException {
    EnumSet<Digest> digests = EnumSet.noneOf(Digest.class);
    int known = 0;
    for (Digest digest : Digest.values()) {
      known |= digestBit(digest);
      if ((bits & digestBit(digest)) != 0) {
        digests.add(digest);
      }
    }
    if ((bits & ~known) != 0) {
      throw new MalformedDataException("unknown digest bits");
    }
    return digests;
  }

  private static Set<Padding> paddingsFromBits(int bits) throws MalformedDataException {
    EnumSet<Padding> paddings = EnumSet.noneOf(Padding.class);
    int known = 0;
    for (Padding padding : Padding.values()) {
      known |= paddingBit(padding);
      if ((bits & paddingBit(padding)) != 0) {
        paddings.add(padding);
      }
    }
    if ((bits & ~known) != 0 || paddings.isEmpty()) {
      throw new MalformedDataException("unknown or empty padding bits");
    }
    return paddings;
  }
}
