package dev.keychain4j.attestation.android.internal;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Issuer-to-subject links whose signature already verified, keyed by a SHA-256 digest of both
 * certificates' encoded bytes. Only successes are stored, and a link's validity depends on nothing
 * but those bytes, so a hit can skip the signature check. The least recently used links go first.
 */
public final class LinkCache {
  private final int maxEntries;
  private final LinkedHashMap<ByteBuffer, Boolean> links;

  public LinkCache(int maxEntries) {
    if (maxEntries < 0) {
      throw new IllegalArgumentException("maxEntries must be 0 or more, got " + maxEntries);
    }
    this.maxEntries = maxEntries;
    this.links =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Boolean> eldest) {
            return size() > LinkCache.this.maxEntries;
          }
        };
  }

  public boolean isEnabled() {
    return maxEntries > 0;
  }

  /** Computes the key of the link from {@code issuer} to {@code subject}. */
  public static ByteBuffer key(byte[] issuer, byte[] subject) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      // The length prefix keeps (A, BC) and (AB, C) apart.
      digest.update(ByteBuffer.allocate(4).putInt(issuer.length).array());
      digest.update(issuer);
      digest.update(subject);
      return ByteBuffer.wrap(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  public synchronized boolean contains(ByteBuffer key) {
    return links.get(key) != null;
  }

  public synchronized void add(ByteBuffer key) {
    if (maxEntries > 0) {
      links.put(key, Boolean.TRUE);
    }
  }
}
