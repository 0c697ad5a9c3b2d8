package dev.keychain4j.attestation.apple;

/** Placeholder, replaced by the verifier. */
public final class AppAttestVerifier {
  private AppAttestVerifier() {}
}
