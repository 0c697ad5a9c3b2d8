package dev.keychain4j.attestation.apple;

import java.util.OptionalLong;

/**
 * Storage of the last accepted sign counter of each attested key, keyed by key id.
 *
 * <p>{@link #advance} must be atomic: of any number of concurrent calls with the same key id and
 * the same counter, at most one may return {@link Update#ADVANCED}. This is what stops a replayed
 * assertion that arrives while the original is being verified.
 *
 * <p>Counters are unsigned 32-bit values, so implementations accept 0 to 2<sup>32</sup>-1.
 */
public interface AssertionCounterStore {
  /** Largest counter value: App Attest counters are unsigned 32-bit integers. */
  long MAX_COUNTER = 0xFFFF_FFFFL;

  /** Outcome of {@link #advance}. */
  enum Update {
    /** The stored counter was lower and has been replaced. */
    ADVANCED,
    /** The stored counter is equal or greater, so nothing changed. */
    NOT_INCREASED,
    /** No counter is stored for the key id. */
    UNKNOWN_KEY
  }

  /**
   * Stores {@code counter} for a newly attested key, unless the key id already has a counter.
   *
   * @return true if the counter was stored, false if the key id was already registered
   */
  boolean register(byte[] keyId, long counter) throws CounterStoreException;

  /**
   * Atomically replaces the stored counter with {@code counter} if and only if the key id is
   * registered and its stored counter is strictly lower.
   */
  Update advance(byte[] keyId, long counter) throws CounterStoreException;

  /** Returns the stored counter of the key id, or empty if it is not registered. */
  OptionalLong counter(byte[] keyId) throws CounterStoreException;

  /** Checks a key id and a counter passed to an implementation. */
  static void checkArguments(byte[] keyId, long counter) {
    if (keyId.length == 0) {
      throw new IllegalArgumentException(
          "keyId is empty: pass the 32-byte key id of an attested key");
    }
    if (counter < 0 || counter > MAX_COUNTER) {
      throw new IllegalArgumentException(
          "counter " + counter + " is out of range: expected 0 to " + MAX_COUNTER);
    }
  }
}
