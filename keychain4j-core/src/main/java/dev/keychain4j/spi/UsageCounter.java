package dev.keychain4j.spi;

import java.util.Arrays;

/**
 * The remaining uses of a key with a usage limit, with an authenticator that the secure element
 * computed over the count and the key's {@link KeyBinding}. An element that enforces usage limits
 * refuses a key whose counter does not authenticate.
 */
public final class UsageCounter {
  private final int remaining;
  private final byte[] authenticator;

  private UsageCounter(int remaining, byte[] authenticator) {
    this.remaining = remaining;
    this.authenticator = authenticator;
  }

  /** Wraps a count and a copy of its authenticator. */
  public static UsageCounter of(int remaining, byte[] authenticator) {
    if (remaining < 0) {
      throw new IllegalArgumentException("Invalid remaining use count " + remaining + ": must be >= 0");
    }
    return new UsageCounter(remaining, authenticator.clone());
  }

  public int remaining() {
    return remaining;
  }

  /** Returns a copy of the authenticator. */
  public byte[] authenticator() {
    return authenticator.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof UsageCounter
        && ((UsageCounter) other).remaining == remaining
        && Arrays.equals(((UsageCounter) other).authenticator, authenticator);
  }

  @Override
  public int hashCode() {
    return remaining * 31 + Arrays.hashCode(authenticator);
  }

  @Override
  public String toString() {
    return "UsageCounter{remaining=" + remaining + "}";
  }
}
