package dev.keychain4j.internal.enclave;

import dev.keychain4j.AuthenticationLockoutException;
import dev.keychain4j.KeyCorruptedException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * The stored passcode: an scrypt hash (N = 2^15, r = 8, p = 1, 16-byte salt) with a failure count
 * and the time of the last counted attempt, authenticated with HMAC-SHA256 under a key derived
 * from the device key. So the count cannot be edited in the database. Restoring an older copy of
 * the row is not detected, as for usage counters: a file has no monotonic storage.
 *
 * <p>Record, {@value #LENGTH} bytes: version 1, log2 N, salt, hash, 4-byte failure count, 8-byte
 * last attempt time in epoch milliseconds, then the MAC over all before it.
 *
 * <p>After {@value #FREE_FAILURES} consecutive failures each attempt waits {@link
 * #delayAfter(int)}: 30 s after the fifth failure, doubling with each further one up to one hour.
 */
final class PasscodeRecords {
  static final int FREE_FAILURES = 5;
  private static final int VERSION = 1;
  private static final int LOG2_N = 15;
  private static final int SALT_LENGTH = 16;
  private static final int HASH_LENGTH = 32;
  static final int LENGTH = 1 + 1 + SALT_LENGTH + HASH_LENGTH + 4 + 8 + 32;
  private static final int MAC_OFFSET = LENGTH - 32;
  private static final Duration FIRST_DELAY = Duration.ofSeconds(30);
  private static final Duration MAX_DELAY = Duration.ofHours(1);

  private final byte[] macKey;
  private final SecureRandom random;

  PasscodeRecords(byte[] macKey, SecureRandom random) {
    this.macKey = macKey.clone();
    this.random = random;
  }

  /** Returns the wait before the next attempt after {@code failures} consecutive failures. */
  static Duration delayAfter(int failures) {
    if (failures < FREE_FAILURES) {
      return Duration.ZERO;
    }
    int doublings = Math.min(failures - FREE_FAILURES, 16);
    Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
    return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
  }

  byte[] create(char[] passcode) {
    byte[] salt = new byte[SALT_LENGTH];
    random.nextBytes(salt);
    byte[] hash = hash(passcode, salt, LOG2_N);
    try {
      return record(LOG2_N, salt, hash, 0, 0);
    } finally {
      Arrays.fill(hash, (byte) 0);
    }
  }

  /** Authenticates the record, enforces the delay and returns it with one more attempt counted. */
  byte[] countAttempt(byte[] stored) throws KeyCorruptedException, AuthenticationLockoutException {
    Parsed record = parse(stored);
    long now = System.currentTimeMillis();
    Duration delay = delayAfter(record.failures);
    long waitMillis = record.lastAttemptMillis + delay.toMillis() - now;
    if (waitMillis > 0) {
      Duration retryAfter = Duration.ofMillis(waitMillis);
      throw new AuthenticationLockoutException(
          "Passcode locked after " + record.failures + " consecutive failures: try again in "
              + Math.max(1, retryAfter.toSeconds()) + " s",
          retryAfter);
    }
    // NOTE: the delay is measured with the wall clock, so setting the system clock forward
    // shortens it.
    return record(record.log2N, record.salt, record.hash, record.failures + 1, now);
  }

  /** Returns whether the passcode matches, and the record to store (count reset on success). */
  Result verify(byte[] counted, char[] passcode) throws KeyCorruptedException {
    Parsed record = parse(counted);
    byte[] hash = hash(passcode, record.salt, record.log2N);
    try {
      if (MessageDigest.isEqual(hash, record.hash)) {
        return new Result(true, record(record.log2N, record.salt, record.hash, 0, 0), 0);
      }
      return new Result(false, counted.clone(), record.failures);
    } finally {
      Arrays.fill(hash, (byte) 0);
    }
  }

  static final class Result {
    final boolean matched;
    final byte[] record;
    final int failures;

    Result(boolean matched, byte[] record, int failures) {
      this.matched = matched;
      this.record = record;
      this.failures = failures;
    }
  }

  private static final class Parsed {
    int log2N;
    byte[] salt = new byte[SALT_LENGTH];
    byte[] hash = new byte[HASH_LENGTH];
    int failures;
    long lastAttemptMillis;
  }

  private Parsed parse(byte[] stored) throws KeyCorruptedException {
    if (stored.length != LENGTH || stored[0] != VERSION
        || !MessageDigest.isEqual(mac(Arrays.copyOf(stored, MAC_OFFSET)), Arrays.copyOfRange(stored, MAC_OFFSET, LENGTH))) {
      throw new KeyCorruptedException(
          "The stored passcode record failed authentication: it was edited outside keychain4j."
              + " Remove the passcode with the keychain passphrase and set it again");
    }
    ByteBuffer in = ByteBuffer.wrap(stored);
    Parsed parsed = new Parsed();
    in.get();
    parsed.log2N = in.get();
    in.get(parsed.salt);
    in.get(parsed.hash);
    parsed.failures = in.getInt();
    parsed.lastAttemptMillis = in.getLong();
    if (parsed.log2N < 10 || parsed.log2N > 22 || parsed.failures < 0) {
      throw new KeyCorruptedException("The stored passcode record has invalid parameters: set the passcode again");
    }
    return parsed;
  }

  private byte[] record(int log2N, byte[] salt, byte[] hash, int failures, long lastAttemptMillis) {
    byte[] body =
        ByteBuffer.allocate(MAC_OFFSET)
            .put((byte) VERSION)
            .put((byte) log2N)
            .put(salt)
            .put(hash)
            .putInt(failures)
            .putLong(lastAttemptMillis)
            .array();
    byte[] record = Arrays.copyOf(body, LENGTH);
    System.arraycopy(mac(body), 0, record, MAC_OFFSET, 32);
    return record;
  }

  private static byte[] hash(char[] passcode, byte[] salt, int log2N) {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passcode));
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    if (encoded.hasArray()) {
      Arrays.fill(encoded.array(), (byte) 0);
    }
    try {
      return SCrypt.generate(bytes, salt, 1 << log2N, 8, 1, HASH_LENGTH);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private byte[] mac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(macKey, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available in this JDK", e);
    }
  }

  void wipe() {
    Arrays.fill(macKey, (byte) 0);
  }
}
