package dev.keychain4j.attestation.apple.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keychain4j.attestation.apple.AppAttestException;
import dev.keychain4j.attestation.apple.AppAttestReason;
import java.security.spec.ECPoint;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * WebAuthn authenticator data (WebAuthn Level 2, section 6.1) as App Attest produces it.
 *
 * <p>The fixed header is rpIdHash (32 bytes), flags (1) and signCount (4, big-endian). In an
 * attestation the attested credential data follows: AAGUID (16), credential id length (2,
 * big-endian), the credential id, and the COSE credential public key.
 */
public final class AuthenticatorData {
  /** Flag bit AT: attested credential data included. */
  public static final int FLAG_ATTESTED_CREDENTIAL_DATA = 0x40;

  /** Flag bit ED: extension data included. */
  public static final int FLAG_EXTENSION_DATA = 0x80;

  private static final int RP_ID_HASH_BYTES = 32;
  private static final int HEADER_BYTES = RP_ID_HASH_BYTES + 1 + 4;
  private static final int AAGUID_BYTES = 16;
  private static final AppAttestReason MALFORMED = AppAttestReason.MALFORMED_AUTHENTICATOR_DATA;

  private final byte[] rpIdHash;
  private final int flags;
  private final long signCount;
  private final byte @Nullable [] aaguid;
  private final byte @Nullable [] credentialId;
  private final @Nullable ECPoint credentialPublicKey;
  private final boolean hasExtensions;

  private AuthenticatorData(
      byte[] rpIdHash,
      int flags,
      long signCount,
      byte @Nullable [] aaguid,
      byte @Nullable [] credentialId,
      @Nullable ECPoint credentialPublicKey,
      boolean hasExtensions) {
    this.rpIdHash = rpIdHash;
    this.flags = flags;
    this.signCount = signCount;
    this.aaguid = aaguid;
    this.credentialId = credentialId;
    this.credentialPublicKey = credentialPublicKey;
    this.hasExtensions = hasExtensions;
  }

  /**
   * Parses the authenticator data of an attestation, which must carry attested credential data.
   *
   * <p>Extension data may follow the credential public key even when the ED flag is clear: iOS 27
   * and later append an extension map ({@code apple_bundle_version_01}, {@code
   * apple_validation_category_01}) without setting ED. Such trailing bytes must still be exactly
   * one CBOR map.
   */
  public static AuthenticatorData parseAttestation(byte[] bytes) throws AppAttestException {
    requireHeader(bytes);
    int flags = Byte.toUnsignedInt(bytes[RP_ID_HASH_BYTES]);
    if ((flags & FLAG_ATTESTED_CREDENTIAL_DATA) == 0) {
      throw new AppAttestException(
          MALFORMED,
          "the attestation's authenticator data has no attested credential data (AT flag clear)");
    }

    int offset = HEADER_BYTES;
    if (bytes.length - offset < AAGUID_BYTES + 2) {
      throw new AppAttestException(
          MALFORMED,
          "the authenticator data ends inside the attested credential data at offset " + offset);
    }
    byte[] aaguid = Arrays.copyOfRange(bytes, offset, offset + AAGUID_BYTES);
    offset += AAGUID_BYTES;

    int credentialIdLength =
        (Byte.toUnsignedInt(bytes[offset]) << 8) | Byte.toUnsignedInt(bytes[offset + 1]);
    offset += 2;
    if (bytes.length - offset < credentialIdLength) {
      throw new AppAttestException(
          MALFORMED,
          "the credential id length is "
              + credentialIdLength
              + " but only "
              + (bytes.length - offset)
              + " bytes follow");
    }
    byte[] credentialId = Arrays.copyOfRange(bytes, offset, offset + credentialIdLength);
    offset += credentialIdLength;

    if (offset == bytes.length) {
      throw new AppAttestException(
          MALFORMED, "the authenticator data has no credential public key");
    }
    Cbor.Prefix key =
        Cbor.decodePrefix(
            Arrays.copyOfRange(bytes, offset, bytes.length),
            MALFORMED,
            "the credential public key");
    ECPoint point = CoseKey.decodeP256(key.node());
    offset += key.length();

    boolean hasExtensions = readExtensions(bytes, offset, flags);
    return new AuthenticatorData(
        rpIdHash(bytes), flags, signCount(bytes), aaguid, credentialId, point, hasExtensions);
  }

  /**
   * Parses the authenticator data of an assertion, which carries no attested credential data.
   *
   * <p>App Attest assertions may set the AT flag without carrying attested credential data, as real
   * devices do, so AT is ignored. Bytes after the 37-byte header are accepted only as one CBOR
   * extension map, with or without the ED flag, because iOS 27 and later append extensions without
   * setting ED.
   */
  public static AuthenticatorData parseAssertion(byte[] bytes) throws AppAttestException {
    requireHeader(bytes);
    int flags = Byte.toUnsignedInt(bytes[RP_ID_HASH_BYTES]);

    // Lenient: AT is not checked, because real devices set it on assertions that carry no
    // attested credential data.
    boolean hasExtensions = readExtensions(bytes, HEADER_BYTES, flags);
    return new AuthenticatorData(
        rpIdHash(bytes), flags, signCount(bytes), null, null, null, hasExtensions);
  }

  private static void requireHeader(byte[] bytes) throws AppAttestException {
    if (bytes.length < HEADER_BYTES) {
      throw new AppAttestException(
          MALFORMED,
          "the authenticator data has "
              + bytes.length
              + " bytes, at least "
              + HEADER_BYTES
              + " are required");
    }
  }

  private static boolean readExtensions(byte[] bytes, int offset, int flags)
      throws AppAttestException {
    if (offset == bytes.length) {
      if ((flags & FLAG_EXTENSION_DATA) != 0) {
        throw new AppAttestException(
            MALFORMED, "the ED flag is set but the authenticator data has no extensions");
      }
      return false;
    }

    // Lenient: trailing bytes are read as extensions even when ED is clear, because iOS 27 and
    // later append an extension map without setting ED.
    JsonNode extensions =
        Cbor.decode(
            Arrays.copyOfRange(bytes, offset, bytes.length),
            MALFORMED,
            "the authenticator extensions");
    if (!extensions.isObject()) {
      throw new AppAttestException(
          MALFORMED,
          "the "
              + (bytes.length - offset)
              + " bytes at offset "
              + offset
              + " of the authenticator data are not a CBOR extension map");
    }
    return true;
  }

  private static byte[] rpIdHash(byte[] bytes) {
    return Arrays.copyOfRange(bytes, 0, RP_ID_HASH_BYTES);
  }

  private static long signCount(byte[] bytes) {
    long count = 0;
    for (int i = RP_ID_HASH_BYTES + 1; i < HEADER_BYTES; i++) {
      count = (count << 8) | Byte.toUnsignedInt(bytes[i]);
    }
    return count;
  }

  /** Returns a copy of the SHA-256 of the relying-party ID. */
  public byte[] rpIdHash() {
    return rpIdHash.clone();
  }

  /** Returns the flags byte as an unsigned value. */
  public int flags() {
    return flags;
  }

  /** Returns the unsigned 32-bit signature counter. */
  public long signCount() {
    return signCount;
  }

  /** Returns a copy of the AAGUID, present for attestations. */
  public Optional<byte[]> aaguid() {
    return Optional.ofNullable(aaguid).map(byte[]::clone);
  }

  /** Returns a copy of the credential id, present for attestations. */
  public Optional<byte[]> credentialId() {
    return Optional.ofNullable(credentialId).map(byte[]::clone);
  }

  /** Returns the credential public key, present for attestations. */
  public Optional<ECPoint> credentialPublicKey() {
    return Optional.ofNullable(credentialPublicKey);
  }

  /** Returns whether an extension map followed the fixed fields. */
  public boolean hasExtensions() {
    return hasExtensions;
  }
}
