package dev.keychain4j.attestation.android;

/** Placeholder, replaced by the verifier. */
public final class AndroidAttestationVerifier {
  private AndroidAttestationVerifier() {}
}
