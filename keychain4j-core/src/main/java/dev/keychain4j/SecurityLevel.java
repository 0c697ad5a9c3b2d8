package dev.keychain4j;

/**
 * The place where a key lives and the component that enforces its authorizations, with the same meanings as
 * Android's {@code SecurityLevel} in key attestation.
 */
public enum SecurityLevel {
  /** Keys are protected only by software on the host: the built-in software enclave. */
  SOFTWARE,
  /** Keys live in an isolated trusted execution environment. */
  TRUSTED_ENVIRONMENT,
  /** Keys live in a discrete secure chip: an HSM, a smart card, a TPM. */
  STRONGBOX
}
