package dev.keychain4j.attestation.android.internal;

import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decoded issuer public keys, keyed by their SubjectPublicKeyInfo bytes. Intermediates recur across
 * attestations, and reusing the decoded key also lets BouncyCastle reuse the precomputation it
 * attaches to an EC point. The least recently used keys go first.
 */
public final class PublicKeyCache {
  private final int maxEntries;
  private final LinkedHashMap<ByteBuffer, PublicKey> keys;

  public PublicKeyCache(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1, got " + maxEntries);
    }
    this.maxEntries = maxEntries;
    this.keys =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<ByteBuffer, PublicKey> eldest) {
            return size() > PublicKeyCache.this.maxEntries;
          }
        };
  }

  public synchronized @Nullable PublicKey get(byte[] publicKeyInfo) {
    return keys.get(ByteBuffer.wrap(publicKeyInfo));
  }

  public synchronized void put(byte[] publicKeyInfo, PublicKey key) {
    keys.put(ByteBuffer.wrap(publicKeyInfo.clone()), key);
  }
}
