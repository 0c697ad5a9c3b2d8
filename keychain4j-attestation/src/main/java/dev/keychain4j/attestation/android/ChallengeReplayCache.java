package dev.keychain4j.attestation.android;

/** Records challenges already accepted, so that each one is accepted once. */
@FunctionalInterface
public interface ChallengeReplayCache {
  /**
   * Records the challenge.
   *
   * @return true when the challenge was not seen before, false when it is a replay
   */
  boolean recordFirstUse(byte[] challenge);
}
