package dev.keychain4j.attestation.android;

/** Reason for a verdict: {@link #OK} for a trusted chain, any other value for a rejection. */
public enum ReasonCode {
  OK,
  /** A certificate is not valid DER or the chain is empty. */
  MALFORMED_CERTIFICATE,
  /** The leaf carries no KeyDescription extension. */
  MISSING_ATTESTATION_EXTENSION,
  /** A KeyDescription extension is present but cannot be decoded. */
  MALFORMED_EXTENSION,
  /**
   * A certificate was signed by an attested key that is not an attest key: someone extended a real
   * chain with a certificate of their own.
   */
  ATTESTED_KEY_SIGNED_CERTIFICATE,
  /** The next certificate cannot be the issuer: its name or key type does not match. */
  ISSUER_MISMATCH,
  /** A signature does not verify under the issuer's key. */
  SIGNATURE_INVALID,
  /** A signature algorithm other than RSA PKCS#1 v1.5 with SHA-2, ECDSA with SHA-2 and ML-DSA. */
  UNSUPPORTED_SIGNATURE_ALGORITHM,
  /** An issuing certificate lacks basicConstraints cA=true. */
  ISSUER_NOT_CA,
  /** A CA's pathLenConstraint is exceeded. */
  PATH_LENGTH_EXCEEDED,
  /** Certificates follow the trust anchor in the chain. */
  CHAIN_CONTINUES_AFTER_ANCHOR,
  /** The chain does not end at a configured or known trust anchor. */
  UNTRUSTED_ROOT,
  /** An intermediate that is checked for validity has expired at the verification instant. */
  CERTIFICATE_EXPIRED,
  /** An intermediate that is checked for validity is not yet valid at the verification instant. */
  CERTIFICATE_NOT_YET_VALID,
  /** A certificate's serial number is revoked or suspended in the status list. */
  REVOKED,
  /** The status list could not be loaded and the verifier fails closed. */
  REVOCATION_LIST_UNAVAILABLE,
  /** Strict mode: the KeyDescription deviates from DER or carries unknown tags. */
  ENCODING_DEVIATION,
  /** The attestation challenge differs from the expected one. */
  CHALLENGE_MISMATCH,
  /** The challenge was seen before. */
  CHALLENGE_REPLAYED,
  /** The chain ends at a software attestation root and the policy requires hardware. */
  SOFTWARE_ROOT,
  /** The attestation security level is below the policy's minimum. */
  SECURITY_LEVEL_TOO_LOW,
  /** The policy checks boot state but the hardware-enforced list has no root of trust. */
  ROOT_OF_TRUST_MISSING,
  /** The policy requires a locked bootloader. */
  BOOTLOADER_UNLOCKED,
  /** The policy requires verified boot state VERIFIED. */
  VERIFIED_BOOT_NOT_VERIFIED,
  /** The OS version is below the policy's minimum or missing. */
  OS_VERSION_TOO_LOW,
  /** A patch level is below the policy's minimum or missing. */
  PATCH_LEVEL_TOO_LOW,
  /** The policy lists package names or digests but the attestation has no application ID. */
  APPLICATION_ID_MISSING,
  /** No package in the application ID is allowed. */
  PACKAGE_NOT_ALLOWED,
  /** No signing-certificate digest in the application ID is allowed. */
  SIGNING_DIGEST_NOT_ALLOWED
}
