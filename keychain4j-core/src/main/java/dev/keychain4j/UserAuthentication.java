package dev.keychain4j;

import dev.keychain4j.internal.store.ItemStore;
import dev.keychain4j.spi.AuthToken;
import dev.keychain4j.spi.KeyBinding;
import dev.keychain4j.spi.PasscodeVerification;
import dev.keychain4j.spi.SecureElement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keychain's side of user authentication: gets tokens from the secure element (which runs the
 * authenticators and checks passcodes) for the keys that need them, and keeps time-window tokens
 * for reuse. It only carries tokens; the element verifies them.
 */
final class UserAuthentication {
  private static final Logger LOG = LoggerFactory.getLogger(UserAuthentication.class);

  static final String PASSCODE_RECORD = "passcode";

  private final ItemStore store;
  private final SecureElement element;
  private final Map<AuthenticatorType, AuthToken> windowTokens = new ConcurrentHashMap<>();
  private volatile @Nullable PasscodePrompt passcodePrompt;

  UserAuthentication(ItemStore store, SecureElement element) {
    this.store = store;
    this.element = element;
  }

  void setPasscodePrompt(@Nullable PasscodePrompt prompt) {
    this.passcodePrompt = prompt;
  }

  boolean isPasscodeSet() throws KeychainException {
    return store.meta(PASSCODE_RECORD).isPresent();
  }

  void setPasscode(char[] passcode) throws KeychainException {
    if (passcode.length < 4) {
      throw new IllegalArgumentException(
          "Passcode of " + passcode.length + " characters is too short: use at least 4");
    }
    store.putMeta(PASSCODE_RECORD, element.createPasscodeRecord(passcode));
    LOG.info("Set the passcode of the keychain in {}", store.directory());
  }

  void removePasscodeRecord() throws KeychainException {
    store.deleteMeta(PASSCODE_RECORD);
    windowTokens.remove(AuthenticatorType.DEVICE_PASSCODE);
  }

  void forgetTokens() {
    windowTokens.clear();
  }

  /**
   * Returns the tokens to present for one private-key operation on a key: none when it needs no
   * authentication, fresh ones for a per-operation key, and kept or fresh time-window tokens
   * otherwise.
   */
  List<AuthToken> tokensFor(KeyBinding binding, KeyParameters parameters, String operation)
      throws KeychainException {
    Optional<AccessControl> accessControl = parameters.accessControl();
    if (accessControl.isEmpty() || !accessControl.get().requiresAuthentication()) {
      return List.of();
    }
    String reason = operation + " with key '" + binding.tag() + "'";
    if (parameters.authTimeoutSeconds().isEmpty()) {
      long challenge = element.beginOperation(binding);
      return authenticate(accessControl.get(), challenge, reason, null);
    }
    long windowMillis = parameters.authTimeoutSeconds().getAsInt() * 1000L;
    return authenticate(accessControl.get(), 0, reason, windowMillis);
  }

  /**
   * Authenticates the user for {@code type} now and keeps the token for keys with a time window.
   */
  void authenticateForWindow(AuthenticatorType type, String reason) throws KeychainException {
    windowTokens.put(type, authenticateOne(type, 0, reason));
  }

  private List<AuthToken> authenticate(
      AccessControl accessControl, long challenge, String reason, @Nullable Long windowMillis)
      throws KeychainException {
    List<AuthToken> tokens = new ArrayList<>();
    KeychainException lastFailure = null;
    for (AuthenticatorType type : accessControl.types()) {
      try {
        tokens.add(tokenFor(type, challenge, reason, windowMillis));
        if (accessControl.combination() == AccessControl.Combination.OR) {
          return tokens;
        }
      } catch (UserNotAuthenticatedException e) {
        if (accessControl.combination() == AccessControl.Combination.AND) {
          throw e;
        }
        lastFailure = e;
      }
    }
    if (lastFailure != null) {
      throw lastFailure;
    }
    return tokens;
  }

  private AuthToken tokenFor(
      AuthenticatorType type, long challenge, String reason, @Nullable Long windowMillis)
      throws KeychainException {
    AuthenticatorType kept = type == AuthenticatorType.BIOMETRY_CURRENT_SET ? AuthenticatorType.BIOMETRY_ANY : type;
    if (windowMillis != null) {
      AuthToken token = windowTokens.get(kept);
      if (token != null && System.currentTimeMillis() - token.issuedAtMillis() <= windowMillis) {
        return token;
      }
    }
    AuthToken token = authenticateOne(type, challenge, reason);
    if (windowMillis != null) {
      windowTokens.put(kept, token);
    }
    return token;
  }

  private AuthToken authenticateOne(AuthenticatorType type, long challenge, String reason)
      throws KeychainException {
    if (type != AuthenticatorType.DEVICE_PASSCODE) {
      return element.authenticate(type, challenge, reason);
    }
    byte[] record =
        store.meta(PASSCODE_RECORD).orElseThrow(() -> new UserNotAuthenticatedException(
            "The keychain has no passcode, so " + reason + " cannot authenticate with"
                + " device-passcode: set one with 'keychain passcode set'"));
    PasscodePrompt prompt = passcodePrompt;
    if (prompt == null) {
      throw new UserNotAuthenticatedException(
          "No passcode prompt is set, so " + reason + " cannot authenticate with device-passcode:"
              + " set one with Keychain.setPasscodePrompt");
    }
    // The attempt is counted and stored before the passcode is checked, so stopping the process
    // during the check does not save an attempt.
    byte[] counted = element.countPasscodeAttempt(record);
    store.putMeta(PASSCODE_RECORD, counted);
    char[] passcode = prompt.readPasscode(reason);
    PasscodeVerification verification;
    try {
      verification = element.verifyPasscode(counted, passcode, challenge);
    } finally {
      Arrays.fill(passcode, '\0');
    }
    store.putMeta(PASSCODE_RECORD, verification.record());
    if (verification.token().isEmpty()) {
      LOG.warn("Rejected a wrong passcode for {}", reason);
      throw new UserNotAuthenticatedException(
          "Wrong passcode for " + reason + ": try again; after 5 consecutive failures each attempt"
              + " waits longer");
    }
    return verification.token().get();
  }
}
