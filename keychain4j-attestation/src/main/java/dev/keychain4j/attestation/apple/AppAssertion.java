package dev.keychain4j.attestation.apple;

import java.util.Base64;

/** A verified App Attest assertion: the key id that signed it and the counter it advanced to. */
public final class AppAssertion {
  private final byte[] keyId;
  private final long counter;

  AppAssertion(byte[] keyId, long counter) {
    this.keyId = keyId.clone();
    this.counter = counter;
  }

  /** Returns a copy of the key id of the public key that verified the signature. */
  public byte[] keyId() {
    return keyId.clone();
  }

  /** Returns the assertion's counter, now the stored counter of the key. */
  public long counter() {
    return counter;
  }

  @Override
  public String toString() {
    return "AppAssertion[keyId="
        + Base64.getEncoder().encodeToString(keyId)
        + ", counter="
        + counter
        + "]";
  }
}
