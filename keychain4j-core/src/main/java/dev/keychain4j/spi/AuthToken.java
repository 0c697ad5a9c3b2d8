package dev.keychain4j.spi;

import dev.keychain4j.AuthenticatorType;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * An authentication token a secure element issued after a successful user authentication, like
 * Android's {@code HardwareAuthToken}. The element verifies its MAC, under a key only the element
 * holds, before a key with an access control runs; the keychain only carries it. {@link
 * #toString()} shows the fields but not the MAC.
 *
 * <p>Encoding, {@value #LENGTH} bytes: version 1, the authenticator type bit, the 8-byte
 * enrollment id, the 8-byte issue time in epoch milliseconds, the 8-byte operation challenge (0
 * for a token not bound to one operation), then a 32-byte HMAC-SHA256 over all before it.
 */
public final class AuthToken {
  public static final int LENGTH = 1 + 1 + 8 + 8 + 8 + 32;
  public static final int MAC_OFFSET = LENGTH - 32;
  static final int VERSION = 1;

  private final byte[] encoded;
  private final AuthenticatorType type;
  private final long enrollmentId;
  private final long issuedAtMillis;
  private final long challenge;

  private AuthToken(byte[] encoded, AuthenticatorType type, long enrollmentId, long issuedAtMillis, long challenge) {
    this.encoded = encoded;
    this.type = type;
    this.enrollmentId = enrollmentId;
    this.issuedAtMillis = issuedAtMillis;
    this.challenge = challenge;
  }

  /** Returns the bytes a token with these fields has before its MAC, for an element to MAC. */
  public static byte[] unmacedBytes(AuthenticatorType type, long enrollmentId, long issuedAtMillis, long challenge) {
    return ByteBuffer.allocate(MAC_OFFSET)
        .put((byte) VERSION)
        .put((byte) type.bit())
        .putLong(enrollmentId)
        .putLong(issuedAtMillis)
        .putLong(challenge)
        .array();
  }

  /**
   * Parses a copy of an encoded token. The MAC is not checked here.
   *
   * @throws IllegalArgumentException if the bytes are not a token of this format
   */
  public static AuthToken decode(byte[] encoded) {
    if (encoded.length != LENGTH || encoded[0] != VERSION) {
      throw new IllegalArgumentException(
          "Invalid authentication token: expected " + LENGTH + " bytes of version " + VERSION
              + ", got " + encoded.length + " bytes");
    }
    ByteBuffer in = ByteBuffer.wrap(encoded);
    in.get();
    int bit = in.get() & 0xff;
    Optional<AuthenticatorType> type =
        Arrays.stream(AuthenticatorType.values()).filter(t -> t.bit() == bit).findFirst();
    if (type.isEmpty()) {
      throw new IllegalArgumentException("Invalid authentication token: unknown type bit " + bit);
    }
    return new AuthToken(encoded.clone(), type.get(), in.getLong(), in.getLong(), in.getLong());
  }

  /** Returns a copy of the encoding, MAC included. */
  public byte[] encoded() {
    return encoded.clone();
  }

  public AuthenticatorType type() {
    return type;
  }

  public long enrollmentId() {
    return enrollmentId;
  }

  public long issuedAtMillis() {
    return issuedAtMillis;
  }

  /** Returns the operation challenge the token carries, or 0 for a time-window token. */
  public long challenge() {
    return challenge;
  }

  @Override
  public String toString() {
    return "AuthToken{type=" + type + ", issuedAtMillis=" + issuedAtMillis
        + (challenge == 0 ? "" : ", bound to an operation") + "}";
  }
}
