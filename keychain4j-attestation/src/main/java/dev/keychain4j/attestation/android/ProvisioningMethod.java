package dev.keychain4j.attestation.android;

/** How the device obtained its attestation key. */
public enum ProvisioningMethod {
  /** The key and its intermediates were installed in the factory. */
  FACTORY,
  /** The key was issued through remote key provisioning (intermediates from "Droid CA2"). */
  REMOTE,
  /** The chain does not end at a Google root, so the method cannot be told. */
  UNKNOWN
}
