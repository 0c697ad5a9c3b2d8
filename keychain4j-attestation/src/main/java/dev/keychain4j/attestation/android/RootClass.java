package dev.keychain4j.attestation.android;

/** Kind of root at which the chain ends. */
public enum RootClass {
  /**
   * Google's hardware attestation root key (RSA, several self-signed certificates) or CA1 (P-384).
   */
  GOOGLE_HARDWARE,
  /** The AOSP software attestation roots; such chains never count as hardware-backed. */
  GOOGLE_SOFTWARE,
  /** A trust anchor that the caller configured and that is not a Google root. */
  CUSTOM,
  /** No configured or known anchor; also the value when verification stopped before the root. */
  UNTRUSTED
}
