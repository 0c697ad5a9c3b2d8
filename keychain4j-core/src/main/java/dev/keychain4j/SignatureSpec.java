package dev.keychain4j;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A signature scheme and its digest. ECDSA signatures are DER-encoded {@code SEQUENCE {r, s}};
 * Ed25519 signatures are the raw 64 bytes of RFC 8032; RSA-PSS uses MGF1 with the same digest
 * and a salt as long as the digest.
 *
 * <p>ECDSA with {@link Digest#NONE} signs a hash the caller computed, as Android Keystore's
 * {@code DIGEST_NONE} and the JCA's {@code NONEwithECDSA} do. The input is used as the ECDSA hash
 * value, so only its leftmost bits up to the bit length of the curve order count (SEC 1, section
 * 4.1.3, step 5). The input may be at most {@link #MAX_ECDSA_NONE_INPUT_LENGTH} bytes, the limit of
 * the JDK's {@code NONEwithECDSA}.
 */
public final class SignatureSpec {
  /**
   * Maximum input length in bytes of ECDSA with {@link Digest#NONE}: the length of a SHA-512 hash,
   * the longest digest the keychain offers. Longer input is rejected rather than truncated, because
   * it is more likely an unhashed message than a hash.
   */
  public static final int MAX_ECDSA_NONE_INPUT_LENGTH = 64;

  /** The signature algorithm. */
  public enum Scheme {
    /** ECDSA on a NIST curve (FIPS 186-4), DER output. */
    ECDSA,
    /** Pure Ed25519 (RFC 8032). */
    ED25519,
    /** RSASSA-PKCS1-v1_5. */
    RSA_PKCS1,
    /** RSASSA-PSS. */
    RSA_PSS
  }

  private final Scheme scheme;
  private final Digest digest;

  private SignatureSpec(Scheme scheme, Digest digest) {
    this.scheme = scheme;
    this.digest = digest;
  }

  /**
   * ECDSA with the given digest. With {@link Digest#NONE}, the message passed to the signer is the
   * hash to sign, and the key must allow digest none.
   */
  public static SignatureSpec ecdsa(Digest digest) {
    return new SignatureSpec(Scheme.ECDSA, Objects.requireNonNull(digest, "digest"));
  }

  /** Pure Ed25519, which hashes internally. */
  public static SignatureSpec ed25519() {
    return new SignatureSpec(Scheme.ED25519, Digest.NONE);
  }

  /** RSASSA-PKCS1-v1_5 with the given digest. */
  public static SignatureSpec rsaPkcs1(Digest digest) {
    return new SignatureSpec(Scheme.RSA_PKCS1, requireHash(digest, "RSA PKCS#1 v1.5"));
  }

  /** RSASSA-PSS with the given digest for the hash and MGF1, and a salt of the digest's length. */
  public static SignatureSpec rsaPss(Digest digest) {
    return new SignatureSpec(Scheme.RSA_PSS, requireHash(digest, "RSA-PSS"));
  }

  /**
   * Returns the usual scheme for a key: ECDSA, Ed25519, or PKCS#1 v1.5 for RSA.
   *
   * @throws IllegalArgumentException if the algorithm cannot sign
   */
  public static SignatureSpec defaultFor(KeyAlgorithm algorithm, Digest digest) {
    switch (algorithm.family()) {
      case EC:
        return ecdsa(digest);
      case ED25519:
        return ed25519();
      case RSA:
        return rsaPkcs1(digest);
      default:
        throw new IllegalArgumentException(
            "A " + algorithm.cliName() + " key cannot sign: use an EC, Ed25519 or RSA key");
    }
  }

  public Scheme scheme() {
    return scheme;
  }

  /** Returns the digest, {@link Digest#NONE} for Ed25519 and for ECDSA over a caller's hash. */
  public Digest digest() {
    return digest;
  }

  /** Returns the RSA padding of the scheme, {@link Padding#NONE} for ECDSA and Ed25519. */
  public Padding padding() {
    switch (scheme) {
      case RSA_PKCS1:
        return Padding.RSA_PKCS1;
      case RSA_PSS:
        return Padding.RSA_PSS;
      default:
        return Padding.NONE;
    }
  }

  /** Returns the key family that can make this kind of signature. */
  public KeyAlgorithm.Family keyFamily() {
    switch (scheme) {
      case ECDSA:
        return KeyAlgorithm.Family.EC;
      case ED25519:
        return KeyAlgorithm.Family.ED25519;
      default:
        return KeyAlgorithm.Family.RSA;
    }
  }

  /** Returns the JCA signature algorithm name as the BouncyCastle provider spells it. */
  public String jcaAlgorithm() {
    String hash = digest.jcaName().replace("-", "");
    switch (scheme) {
      case ECDSA:
        return hash + "withECDSA";
      case ED25519:
        return "Ed25519";
      case RSA_PKCS1:
        return hash + "withRSA";
      default:
        return hash + "withRSAandMGF1";
    }
  }

  /**
   * Checks the input length of ECDSA with {@link Digest#NONE}; other schemes take any length.
   *
   * @throws IllegalArgumentException if the input is longer than {@link
   *     #MAX_ECDSA_NONE_INPUT_LENGTH} bytes
   */
  public void checkInputLength(int length) {
    if (scheme == Scheme.ECDSA && digest == Digest.NONE && length > MAX_ECDSA_NONE_INPUT_LENGTH) {
      throw new IllegalArgumentException(
          "Invalid input of " + length + " bytes for ECDSA with digest none: pass a hash of at most "
              + MAX_ECDSA_NONE_INPUT_LENGTH + " bytes, or sign the message with sha256, sha384 or"
              + " sha512");
    }
  }

  private static Digest requireHash(Digest digest, String scheme) {
    Objects.requireNonNull(digest, "digest");
    if (digest == Digest.NONE) {
      throw new IllegalArgumentException(
          "Invalid digest none for " + scheme + ": use sha256, sha384 or sha512");
    }
    return digest;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof SignatureSpec
        && ((SignatureSpec) other).scheme == scheme
        && ((SignatureSpec) other).digest == digest;
  }

  @Override
  public int hashCode() {
    return scheme.hashCode() * 31 + digest.hashCode();
  }

  @Override
  public String toString() {
    return scheme == Scheme.ED25519 ? "Ed25519" : scheme + "/" + digest.cliName();
  }
}
