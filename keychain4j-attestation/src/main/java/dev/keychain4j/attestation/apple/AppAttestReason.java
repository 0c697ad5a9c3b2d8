package dev.keychain4j.attestation.apple;

/**
 * Reason codes for rejected App Attest attestations and assertions.
 *
 * <p>The {@code MALFORMED_*} and {@link #UNSUPPORTED_FORMAT} codes mean the input could not be
 * decoded. The others name the one check that failed, in the order the verifiers apply them.
 */
public enum AppAttestReason {
  /** The attestation object is not the CBOR map {@code {fmt, attStmt, authData}} it must be. */
  MALFORMED_ATTESTATION_OBJECT(true),

  /** The attestation object's {@code fmt} is not {@code "apple-appattest"}. */
  UNSUPPORTED_FORMAT(true),

  /**
   * A certificate in {@code x5c} is not a DER-encoded X.509 certificate, or the credential
   * certificate's key is not on P-256.
   */
  MALFORMED_CERTIFICATE(true),

  /** The authenticator data is truncated, too long or has an invalid field. */
  MALFORMED_AUTHENTICATOR_DATA(true),

  /** The COSE credential public key in the authenticator data is not a valid P-256 key. */
  MALFORMED_CREDENTIAL_PUBLIC_KEY(true),

  /** The assertion is not the CBOR map {@code {signature, authenticatorData}} it must be. */
  MALFORMED_ASSERTION(true),

  /** A certificate of the chain is not yet valid at the verification instant. */
  CERTIFICATE_NOT_YET_VALID(false),

  /** A certificate of the chain has expired at the verification instant. */
  CERTIFICATE_EXPIRED(false),

  /** The certificate chain does not lead to the pinned App Attest root. */
  CERTIFICATE_CHAIN_INVALID(false),

  /** The credential certificate lacks a well-formed nonce extension (1.2.840.113635.100.8.2). */
  NONCE_EXTENSION_INVALID(false),

  /** SHA-256(authData || clientDataHash) differs from the nonce in the credential certificate. */
  NONCE_MISMATCH(false),

  /** SHA-256 of the credential certificate's public key differs from the key id. */
  KEY_ID_MISMATCH(false),

  /** The relying-party ID hash differs from SHA-256 of the app id (team id "." bundle id). */
  RP_ID_MISMATCH(false),

  /** The attestation's sign counter is not 0. */
  COUNTER_NOT_ZERO(false),

  /** The AAGUID does not match the configured App Attest environment. */
  AAGUID_MISMATCH(false),

  /** The credential id in the authenticator data differs from the key id. */
  CREDENTIAL_ID_MISMATCH(false),

  /** The COSE key in the authenticator data is not the credential certificate's key. */
  PUBLIC_KEY_MISMATCH(false),

  /** The assertion's signature does not verify with the stored public key. */
  SIGNATURE_INVALID(false),

  /** The assertion's counter is not strictly greater than the stored counter (a replay). */
  COUNTER_NOT_INCREASED(false),

  /** The counter store has no counter for the key, so it was never registered. */
  UNKNOWN_KEY(false);

  private final boolean malformedInput;

  AppAttestReason(boolean malformedInput) {
    this.malformedInput = malformedInput;
  }

  /** Returns whether this reason means the input could not be decoded, not that a check failed. */
  public boolean isMalformedInput() {
    return malformedInput;
  }
}
