package dev.keychain4j.attestation.apple;

import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * An {@link AssertionCounterStore} in memory, for tests and single-process servers that can afford
 * to lose the counters on restart. Thread-safe.
 */
public final class InMemoryCounterStore implements AssertionCounterStore {
  private final ConcurrentMap<String, Long> counters = new ConcurrentHashMap<>();

  @Override
  public boolean register(byte[] keyId, long counter) {
    AssertionCounterStore.checkArguments(keyId, counter);
    return counters.putIfAbsent(key(keyId), counter) == null;
  }

  @Override
  public Update advance(byte[] keyId, long counter) {
    AssertionCounterStore.checkArguments(keyId, counter);
    long[] previous = {-1};

    // computeIfPresent runs atomically per key on a ConcurrentHashMap.
    counters.computeIfPresent(
        key(keyId),
        (key, stored) -> {
          previous[0] = stored;
          return stored < counter ? counter : stored;
        });

    if (previous[0] < 0) {
      return Update.UNKNOWN_KEY;
    }
    return previous[0] < counter ? Update.ADVANCED : Update.NOT_INCREASED;
  }

  @Override
  public OptionalLong counter(byte[] keyId) {
    Long stored = counters.get(key(keyId));
    return stored == null ? OptionalLong.empty() : OptionalLong.of(stored);
  }

  private static String key(byte[] keyId) {
    return HexFormat.of().formatHex(keyId);
  }
}
