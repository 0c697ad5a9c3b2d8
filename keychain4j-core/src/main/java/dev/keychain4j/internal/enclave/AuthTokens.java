package dev.keychain4j.internal.enclave;

import dev.keychain4j.AccessControl;
import dev.keychain4j.AuthenticatorType;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.KeyPermanentlyInvalidatedException;
import dev.keychain4j.KeychainException;
import dev.keychain4j.UserNotAuthenticatedException;
import dev.keychain4j.spi.AuthToken;
import dev.keychain4j.spi.KeyBinding;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and verifies authentication tokens with HMAC-SHA256 under a key derived from the device
 * key, which never leaves the enclave. A per-operation token must carry a challenge that {@link
 * #beginOperation} handed out for that key; the challenge is consumed by the first operation that
 * uses it, so a replayed token is rejected. A time-window token is accepted while its issue time
 * is within the key's timeout.
 */
final class AuthTokens {
  /** Challenges not used within this time are dropped. */
  static final long CHALLENGE_LIFETIME_MILLIS = 5 * 60 * 1000;

  /** Bounds the memory of pending challenges; the oldest are dropped past it. */
  private static final int MAX_PENDING = 1024;

  /** Accepted difference between the issue time and the clock, for tokens issued "now". */
  private static final long CLOCK_SKEW_MILLIS = 1000;

  private final byte[] macKey;
  private final SecureRandom random;
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

  AuthTokens(byte[] macKey, SecureRandom random) {
    this.macKey = macKey.clone();
    this.random = random;
  }

  private static final class Pending {
    final long keyId;
    final long expiresAtMillis;

    Pending(long keyId, long expiresAtMillis) {
      this.keyId = keyId;
      this.expiresAtMillis = expiresAtMillis;
    }
  }

  long beginOperation(KeyBinding binding) {
    long now = System.currentTimeMillis();
    if (pending.size() >= MAX_PENDING) {
      pending.values().removeIf(p -> p.expiresAtMillis < now);
      if (pending.size() >= MAX_PENDING) {
        pending.clear();
      }
    }
    long challenge;
    do {
      challenge = random.nextLong();
    } while (challenge == 0 || pending.containsKey(challenge));
    pending.put(challenge, new Pending(binding.id(), now + CHALLENGE_LIFETIME_MILLIS));
    return challenge;
  }

  AuthToken issue(AuthenticatorType type, long enrollmentId, long challenge) {
    byte[] body = AuthToken.unmacedBytes(type, enrollmentId, System.currentTimeMillis(), challenge);
    byte[] encoded = Arrays.copyOf(body, AuthToken.LENGTH);
    System.arraycopy(mac(body), 0, encoded, AuthToken.MAC_OFFSET, 32);
    return AuthToken.decode(encoded);
  }

  /**
   * Checks that the tokens satisfy the key's access control, then consumes the challenge of a
   * per-operation key.
   *
   * @param boundEnrollment the biometric enrollment a BIOMETRY_CURRENT_SET key is bound to
   * @throws UserNotAuthenticatedException if a needed authentication is missing or not valid
   * @throws KeyPermanentlyInvalidatedException if a biometric token is of another enrollment
   */
  void check(KeyBinding binding, KeyParameters authorizations, List<AuthToken> tokens, long boundEnrollment)
      throws KeychainException {
    AccessControl accessControl = authorizations.accessControl().orElseThrow();
    String tag = binding.tag();
    long now = System.currentTimeMillis();
    boolean perOperation = authorizations.authTimeoutSeconds().isEmpty();

    List<AuthToken> valid = new ArrayList<>();
    Long challenge = null;
    String rejection = "no authentication token was presented";
    for (AuthToken token : tokens) {
      byte[] encoded = token.encoded();
      byte[] expected = mac(Arrays.copyOf(encoded, AuthToken.MAC_OFFSET));
      if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(encoded, AuthToken.MAC_OFFSET, AuthToken.LENGTH))) {
        rejection = "a token failed MAC verification (forged or altered)";
        continue;
      }
      if (token.issuedAtMillis() > now + CLOCK_SKEW_MILLIS) {
        rejection = "a token was issued in the future";
        continue;
      }
      if (perOperation) {
        Pending entry = pending.get(token.challenge());
        if (token.challenge() == 0 || entry == null || entry.keyId != binding.id()
            || entry.expiresAtMillis < now) {
          rejection = "a token does not carry a pending challenge of this key (replayed or stale)";
          continue;
        }
        if (challenge != null && challenge != token.challenge()) {
          rejection = "tokens carry different challenges";
          continue;
        }
        challenge = token.challenge();
      } else {
        long windowMillis = authorizations.authTimeoutSeconds().getAsInt() * 1000L;
        if (now - token.issuedAtMillis() > windowMillis) {
          rejection = "the authentication is older than the key's " + windowMillis / 1000 + " s window";
          continue;
        }
      }
      valid.add(token);
    }

    Set<AuthenticatorType> satisfied = EnumSet.noneOf(AuthenticatorType.class);
    for (AuthenticatorType required : accessControl.types()) {
      for (AuthToken token : valid) {
        if (satisfies(token, required, boundEnrollment, tag)) {
          satisfied.add(required);
        }
      }
    }
    boolean granted =
        accessControl.combination() == AccessControl.Combination.AND
            ? satisfied.containsAll(accessControl.types())
            : !satisfied.isEmpty();
    if (!granted) {
      throw new UserNotAuthenticatedException(
          "Key '" + tag + "' needs user authentication (" + accessControl.toExpression()
              + ") and " + rejection + ": authenticate and retry");
    }
    if (challenge != null && !pending.remove(challenge, pending.get(challenge))) {
      throw new UserNotAuthenticatedException(
          "Key '" + tag + "' needs user authentication and its challenge was already used:"
              + " authenticate again");
    }
  }

  private static boolean satisfies(AuthToken token, AuthenticatorType required, long boundEnrollment, String tag)
      throws KeyPermanentlyInvalidatedException {
    switch (required) {
      case BIOMETRY_ANY:
        return token.type() == AuthenticatorType.BIOMETRY_ANY;
      case BIOMETRY_CURRENT_SET:
        if (token.type() != AuthenticatorType.BIOMETRY_ANY) {
          return false;
        }
        if (token.enrollmentId() != boundEnrollment) {
          throw new KeyPermanentlyInvalidatedException(
              "Key '" + tag + "' is bound to the biometric enrollment at its generation, and the"
                  + " enrollment changed: the key is permanently invalidated. Delete it and"
                  + " generate a new one");
        }
        return true;
      default:
        return token.type() == required;
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
    pending.clear();
  }
}
