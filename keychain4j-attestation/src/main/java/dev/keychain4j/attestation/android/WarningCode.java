package dev.keychain4j.attestation.android;

/** Kinds of warning recorded in a result. */
public enum WarningCode {
  /** Authorization tags are not in ascending order, as DER requires. */
  TAGS_OUT_OF_ORDER(true),
  /** A set-valued tag appears more than once, and its sets were merged. */
  DUPLICATE_SET_TAG(true),
  /** A BOOLEAN is encoded with a byte other than 0x00 or 0xFF (often 0x01). */
  NON_CANONICAL_BOOLEAN(true),
  /** A patch level is not a valid yyyyMM or yyyyMMdd, so the field was left out. */
  INVALID_PATCH_LEVEL(true),
  /** A tag this verifier does not know, kept as a raw entry. */
  UNKNOWN_TAG(true),
  /** The verifier was built without a revocation check. */
  REVOCATION_NOT_CHECKED(false),
  /** The status list could not be loaded and the verifier was built to fail open. */
  REVOCATION_LIST_UNAVAILABLE(false),
  /** No expected challenge was given, so the attestation may be a replay from another session. */
  CHALLENGE_NOT_CHECKED(false),
  /** The bootloader is unlocked, and the policy does not require it locked. */
  BOOTLOADER_UNLOCKED(false),
  /** The verified boot state is not VERIFIED, and the policy does not require it. */
  BOOT_NOT_VERIFIED(false),
  /** The hardware-enforced list has no root of trust, so the boot state is unknown. */
  ROOT_OF_TRUST_MISSING(false);

  private final boolean encodingDeviation;

  WarningCode(boolean encodingDeviation) {
    this.encodingDeviation = encodingDeviation;
  }

  /** Returns true for deviations from the KeyDescription encoding, which strict mode rejects. */
  public boolean isEncodingDeviation() {
    return encodingDeviation;
  }
}
