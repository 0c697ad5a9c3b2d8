package dev.keychain4j.attestation.android;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A replay cache in memory, for one process. Challenges are kept for {@code retention}, and at most
 * {@code maxEntries} are kept. The oldest go first. Choose a retention at least as long as a
 * challenge stays valid for your server, or a replay after eviction goes unnoticed.
 */
public final class InMemoryChallengeReplayCache implements ChallengeReplayCache {
  private final int maxEntries;
  private final Duration retention;
  private final Clock clock;
  private final LinkedHashMap<ByteBuffer, Instant> seen = new LinkedHashMap<>();

  public InMemoryChallengeReplayCache(int maxEntries, Duration retention, Clock clock) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1, got " + maxEntries);
    }
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention must be positive, got " + retention);
    }
    this.maxEntries = maxEntries;
    this.retention = retention;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized boolean recordFirstUse(byte[] challenge) {
    Instant now = clock.instant();
    Iterator<Map.Entry<ByteBuffer, Instant>> oldest = seen.entrySet().iterator();
    while (oldest.hasNext()) {
      if (oldest.next().getValue().plus(retention).isAfter(now)) {
        break;
      }
      oldest.remove();
    }

    ByteBuffer key = ByteBuffer.wrap(challenge.clone());
    if (seen.containsKey(key)) {
      return false;
    }
    seen.put(key, now);
    if (seen.size() > maxEntries) {
      seen.remove(seen.keySet().iterator().next());
    }
    return true;
  }
}
