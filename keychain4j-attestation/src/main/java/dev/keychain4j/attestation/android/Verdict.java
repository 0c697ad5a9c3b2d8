package dev.keychain4j.attestation.android;

/** The outcome of a verification. */
public enum Verdict {
  TRUSTED,
  REJECTED
}
