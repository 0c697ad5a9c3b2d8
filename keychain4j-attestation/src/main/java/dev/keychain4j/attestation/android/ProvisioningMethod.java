package dev.keychain4j.attestation.android;

/** Method by which the device obtained its attestation key. */
public enum ProvisioningMethod {
  /** The key and its intermediates were installed in the factory. */
  FACTORY,
  /** The key was issued through remote key provisioning (intermediates from "Droid CA2"). */
  REMOTE,
  /** The chain does not end at a Google root, so the method is not known. */
  UNKNOWN
}
