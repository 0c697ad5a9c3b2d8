package dev.keychain4j.internal.attestation;

import dev.keychain4j.ApplicationIdentity;
import dev.keychain4j.Digest;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.Padding;
import dev.keychain4j.Purpose;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.ASN1Boolean;

/**
 * One AuthorizationList of a KeyDescription, built tag by tag. Each entry is an EXPLICIT
 * context-specific tag whose number is the KeyMint tag number, and the entries are written in
 * ascending tag order, as DER and real devices order them.
 *
 * <p>Values follow the KeyMint definitions of the attestation version 400 schema: purposes,
 * algorithms, digests and paddings are KeyMint enum values, and instants are milliseconds since
 * the epoch.
 */
public final class AuthorizationListEncoder {
  static final int PURPOSE = 1;
  static final int ALGORITHM = 2;
  static final int KEY_SIZE = 3;
  static final int DIGEST = 5;
  static final int PADDING = 6;
  static final int EC_CURVE = 10;
  static final int RSA_PUBLIC_EXPONENT = 200;
  static final int RSA_OAEP_MGF_DIGEST = 203;
  static final int ACTIVE_DATETIME = 400;
  static final int ORIGINATION_EXPIRE_DATETIME = 401;
  static final int USAGE_EXPIRE_DATETIME = 402;
  static final int USAGE_COUNT_LIMIT = 405;
  static final int NO_AUTH_REQUIRED = 503;
  static final int USER_AUTH_TYPE = 504;
  static final int AUTH_TIMEOUT = 505;
  static final int TRUSTED_USER_PRESENCE_REQUIRED = 507;
  static final int CREATION_DATETIME = 701;
  static final int ORIGIN = 702;
  static final int ROOT_OF_TRUST = 704;
  static final int OS_VERSION = 705;
  static final int OS_PATCH_LEVEL = 706;
  static final int ATTESTATION_APPLICATION_ID = 709;
  static final int VENDOR_PATCH_LEVEL = 718;
  static final int BOOT_PATCH_LEVEL = 719;

  /** KeyMint {@code KeyOrigin.GENERATED}. */
  public static final int ORIGIN_GENERATED = 0;

  private final SortedMap<Integer, ASN1Encodable> entries = new TreeMap<>();

  /** Returns whether no tag was added. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Adds the purposes as KeyMint {@code KeyPurpose} values. */
  public AuthorizationListEncoder purposes(Set<Purpose> purposes) {
    ASN1EncodableVector values = new ASN1EncodableVector();
    for (Purpose purpose : purposes) {
      values.add(new ASN1Integer(keyMintPurpose(purpose)));
    }
    return put(PURPOSE, new DERSet(values));
  }

  /**
   * Adds the algorithm with its key size and curve or public exponent. Ed25519 and X25519 keys are
   * KeyMint EC keys on {@code CURVE_25519}, distinguished by their purposes.
   */
  public AuthorizationListEncoder algorithm(KeyAlgorithm algorithm) {
    boolean rsa = algorithm.family() == KeyAlgorithm.Family.RSA;
    put(ALGORITHM, new ASN1Integer(rsa ? 1 : 3));
    put(KEY_SIZE, new ASN1Integer(keySize(algorithm)));
    if (rsa) {
      return put(RSA_PUBLIC_EXPONENT, new ASN1Integer(65537));
    }
    return put(EC_CURVE, new ASN1Integer(ecCurve(algorithm)));
  }

  /** Adds the digests as KeyMint {@code Digest} values. */
  public AuthorizationListEncoder digests(Set<Digest> digests) {
    return put(DIGEST, digestSet(digests));
  }

  /**
   * Adds the paddings as KeyMint {@code PaddingMode} values. keychain4j's PKCS#1 v1.5 padding is
   * for signatures only, so it is {@code RSA_PKCS1_1_5_SIGN}.
   */
  public AuthorizationListEncoder paddings(Set<Padding> paddings) {
    ASN1EncodableVector values = new ASN1EncodableVector();
    for (Padding padding : paddings) {
      values.add(new ASN1Integer(keyMintPadding(padding)));
    }
    return put(PADDING, new DERSet(values));
  }

  /** Adds the MGF1 digests of RSA-OAEP, which keychain4j always takes from the OAEP digest. */
  public AuthorizationListEncoder oaepMgfDigests(Set<Digest> digests) {
    return put(RSA_OAEP_MGF_DIGEST, digestSet(digests));
  }

  public AuthorizationListEncoder activeDateTime(Instant instant) {
    return put(ACTIVE_DATETIME, new ASN1Integer(millisRoundedUp(instant)));
  }

  public AuthorizationListEncoder originationExpireDateTime(Instant instant) {
    return put(ORIGINATION_EXPIRE_DATETIME, new ASN1Integer(instant.toEpochMilli()));
  }

  public AuthorizationListEncoder usageExpireDateTime(Instant instant) {
    return put(USAGE_EXPIRE_DATETIME, new ASN1Integer(instant.toEpochMilli()));
  }

  public AuthorizationListEncoder usageCountLimit(int limit) {
    return put(USAGE_COUNT_LIMIT, new ASN1Integer(limit));
  }

  /** Adds noAuthRequired: the key needs no user authentication. */
  public AuthorizationListEncoder noAuthRequired() {
    return put(NO_AUTH_REQUIRED, DERNull.INSTANCE);
  }

  /** Adds userAuthType, a bitmask of KeyMint {@code HardwareAuthenticatorType} values. */
  public AuthorizationListEncoder userAuthType(long hardwareAuthenticatorTypes) {
    return put(USER_AUTH_TYPE, new ASN1Integer(hardwareAuthenticatorTypes));
  }

  /** Adds authTimeout: how many seconds one authentication allows the key to be used. */
  public AuthorizationListEncoder authTimeout(int seconds) {
    return put(AUTH_TIMEOUT, new ASN1Integer(seconds));
  }

  /** Adds trustedUserPresenceRequired: each use needs the user's physical presence. */
  public AuthorizationListEncoder trustedUserPresenceRequired() {
    return put(TRUSTED_USER_PRESENCE_REQUIRED, DERNull.INSTANCE);
  }

  public AuthorizationListEncoder creationDateTime(Instant instant) {
    return put(CREATION_DATETIME, new ASN1Integer(instant.toEpochMilli()));
  }

  /** Adds the origin as a KeyMint {@code KeyOrigin} value, such as {@link #ORIGIN_GENERATED}. */
  public AuthorizationListEncoder origin(int origin) {
    return put(ORIGIN, new ASN1Integer(origin));
  }

  /**
   * Adds a RootOfTrust with the verified boot hash field of attestation version 3 and later.
   *
   * @param verifiedBootState KeyMint {@code VerifiedBootState}: 0 verified, 1 self-signed, 2
   *     unverified, 3 failed
   */
  public AuthorizationListEncoder rootOfTrust(
      byte[] verifiedBootKey, boolean deviceLocked, int verifiedBootState, byte[] verifiedBootHash) {
    ASN1EncodableVector fields = new ASN1EncodableVector();
    fields.add(new DEROctetString(verifiedBootKey));
    fields.add(ASN1Boolean.getInstance(deviceLocked));
    fields.add(new ASN1Enumerated(verifiedBootState));
    fields.add(new DEROctetString(verifiedBootHash));
    return put(ROOT_OF_TRUST, new DERSequence(fields));
  }

  /** Adds the OS version in KeyMint's MMmmpp form (140000 is Android 14). */
  public AuthorizationListEncoder osVersion(int version) {
    return put(OS_VERSION, new ASN1Integer(version));
  }

  /** Adds the OS patch level as yyyyMM. */
  public AuthorizationListEncoder osPatchLevel(int yyyyMm) {
    return put(OS_PATCH_LEVEL, new ASN1Integer(yyyyMm));
  }

  /** Adds the vendor patch level as yyyyMMdd. */
  public AuthorizationListEncoder vendorPatchLevel(int yyyyMmDd) {
    return put(VENDOR_PATCH_LEVEL, new ASN1Integer(yyyyMmDd));
  }

  /** Adds the boot patch level as yyyyMMdd. */
  public AuthorizationListEncoder bootPatchLevel(int yyyyMmDd) {
    return put(BOOT_PATCH_LEVEL, new ASN1Integer(yyyyMmDd));
  }

  /**
   * Adds the AttestationApplicationId: an OCTET STRING holding the DER of {@code SEQUENCE { SET OF
   * SEQUENCE { packageName OCTET STRING, version INTEGER }, SET OF OCTET STRING digests }}.
   */
  public AuthorizationListEncoder applicationId(ApplicationIdentity identity) {
    ASN1EncodableVector packageInfo = new ASN1EncodableVector();
    packageInfo.add(new DEROctetString(identity.name().getBytes(StandardCharsets.UTF_8)));
    packageInfo.add(new ASN1Integer(identity.version()));
    ASN1EncodableVector id = new ASN1EncodableVector();
    id.add(new DERSet(new DERSequence(packageInfo)));
    id.add(new DERSet(new DEROctetString(identity.signingCertificateDigest())));
    try {
      byte[] der = new DERSequence(id).getEncoded(ASN1Encoding.DER);
      return put(ATTESTATION_APPLICATION_ID, new DEROctetString(der));
    } catch (IOException e) {
      throw new UncheckedIOException("DER encoding in memory failed", e);
    }
  }

  /** Returns the list as a SEQUENCE of EXPLICIT tagged entries in ascending tag order. */
  public ASN1Sequence toSequence() {
    ASN1EncodableVector list = new ASN1EncodableVector();
    for (var entry : entries.entrySet()) {
      list.add(new DERTaggedObject(true, entry.getKey(), entry.getValue()));
    }
    return new DERSequence(list);
  }

  private AuthorizationListEncoder put(int tag, ASN1Encodable value) {
    if (entries.putIfAbsent(tag, value) != null) {
      throw new IllegalStateException("Authorization tag " + tag + " was added twice");
    }
    return this;
  }

  private static DERSet digestSet(Set<Digest> digests) {
    ASN1EncodableVector values = new ASN1EncodableVector();
    for (Digest digest : digests) {
      values.add(new ASN1Integer(keyMintDigest(digest)));
    }
    return new DERSet(values);
  }

  /**
   * Rounds up to the next millisecond, so that the attested activeDateTime is never earlier than
   * the instant the keychain enforces. The expiry instants are truncated for the same reason.
   */
  private static long millisRoundedUp(Instant instant) {
    long millis = instant.toEpochMilli();
    return instant.getNano() % 1_000_000 == 0 ? millis : millis + 1;
  }

  static int keyMintPurpose(Purpose purpose) {
    switch (purpose) {
      case ENCRYPT:
        return 0;
      case DECRYPT:
        return 1;
      case SIGN:
        return 2;
      case VERIFY:
        return 3;
      case AGREE_KEY:
        return 6;
      case ATTEST_KEY:
        return 7;
      default:
        throw new IllegalStateException("Unhandled purpose " + purpose);
    }
  }

  static int keyMintDigest(Digest digest) {
    switch (digest) {
      case NONE:
        return 0;
      case SHA256:
        return 4;
      case SHA384:
        return 5;
      case SHA512:
        return 6;
      default:
        throw new IllegalStateException("Unhandled digest " + digest);
    }
  }

  static int keyMintPadding(Padding padding) {
    switch (padding) {
      case NONE:
        return 1;
      case RSA_OAEP:
        return 2;
      case RSA_PSS:
        return 3;
      case RSA_PKCS1:
        return 5;
      default:
        throw new IllegalStateException("Unhandled padding " + padding);
    }
  }

  static int keySize(KeyAlgorithm algorithm) {
    switch (algorithm) {
      case EC_P256:
      case ED25519:
      case X25519:
        return 256;
      case EC_P384:
        return 384;
      case EC_P521:
        return 521;
      case RSA_2048:
        return 2048;
      case RSA_3072:
        return 3072;
      case RSA_4096:
        return 4096;
      default:
        throw new IllegalStateException("Unhandled algorithm " + algorithm);
    }
  }

  static int ecCurve(KeyAlgorithm algorithm) {
    switch (algorithm) {
      case EC_P256:
        return 1;
      case EC_P384:
        return 2;
      case EC_P521:
        return 3;
      case ED25519:
      case X25519:
        return 4;
      default:
        throw new IllegalStateException("Not an elliptic curve algorithm: " + algorithm);
    }
  }
}
