package dev.keychain4j.spi;

import dev.keychain4j.AuthenticatorType;
import dev.keychain4j.Authenticator;
import dev.keychain4j.AuthorizationTag;
import dev.keychain4j.Digest;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.KeychainException;
import dev.keychain4j.SecurityLevel;
import dev.keychain4j.SignatureSpec;
import java.security.PublicKey;
import java.util.Set;

/**
 * A secure element: generates private keys and runs every private-key operation inside itself.
 * The keychain stores what the element returns ({@link KeyReference}s, sealed secrets, counter
 * authenticators) and passes it back. It never receives private key bytes.
 *
 * <p>Each operation gets the key's stored authorizations in an {@link ElementKey}. The element
 * authenticates them against what it bound at generation time and throws {@code
 * KeyCorruptedException} on a mismatch. It then enforces the authorizations that {@link
 * #enforcedAuthorizations} lists with the typed exceptions of the keychain API; the keychain
 * enforces the others before calling the element. Implementations must be thread-safe.
 */
public interface SecureElement extends AutoCloseable {
  /** Returns a short name such as {@code software-enclave}. */
  String name();

  SecurityLevel securityLevel();

  /** Returns which authorizations of a key with these parameters this element enforces itself. */
  Set<AuthorizationTag> enforcedAuthorizations(KeyParameters parameters);

  /** Generates a key pair bound to {@code binding} and the parameters (without label). */
  GeneratedKey generateKey(KeyBinding binding, KeyParameters parameters) throws KeychainException;

  /** Signs {@code message} (the whole message, not a hash) with the private key. */
  byte[] sign(ElementKey key, SignatureSpec spec, byte[] message) throws KeychainException;

  /**
   * Signs the DER of an attestation certificate's TBSCertificate with a key whose purpose is
   * {@code ATTEST_KEY}, enforcing that purpose instead of {@code SIGN}. The default implementation
   * throws, for elements that cannot attest.
   *
   * @throws KeychainException always, in the default implementation
   */
  default byte[] signAttestation(ElementKey key, SignatureSpec spec, byte[] toBeSigned)
      throws KeychainException {
    throw new KeychainException(
        "The secure element '" + name() + "' does not support key attestation: attestation"
            + " signing is not supported by this element");
  }

  /** Decrypts RSA-OAEP {@code ciphertext}, with MGF1 on the same digest and an empty label. */
  byte[] decrypt(ElementKey key, Digest oaepDigest, byte[] ciphertext) throws KeychainException;

  /** Computes the raw ECDH or X25519 shared secret with {@code peer}. */
  byte[] agree(ElementKey key, PublicKey peer) throws KeychainException;

  /** Authenticates the key and its counter without using it, for integrity checks. */
  void checkKey(ElementKey key) throws KeychainException;

  /** Returns {@code remaining} with an authenticator bound to {@code binding}. */
  UsageCounter authenticateCounter(KeyBinding binding, int remaining) throws KeychainException;

  /** Seals a generic secret so that only this element can unseal it, bound to {@code binding}. */
  byte[] sealSecret(KeyBinding binding, byte[] secret) throws KeychainException;

  /** Unseals a secret made by {@link #sealSecret} for the same binding. */
  byte[] unsealSecret(KeyBinding binding, byte[] sealed) throws KeychainException;

  /**
   * Seals a secret bound to {@code binding} and its accessibility, which the element enforces
   * when unsealing. The default accepts only {@code WHEN_UNLOCKED}, the accessibility of {@link
   * #sealSecret}.
   */
  default byte[] sealSecret(KeyBinding binding, byte[] secret, dev.keychain4j.Accessibility accessibility)
      throws KeychainException {
    if (accessibility != dev.keychain4j.Accessibility.WHEN_UNLOCKED) {
      throw notSupported("secret accessibility " + accessibility.cliName());
    }
    return sealSecret(binding, secret);
  }

  /** Unseals a secret made by the three-argument {@code sealSecret} with the same arguments. */
  default byte[] unsealSecret(KeyBinding binding, byte[] sealed, dev.keychain4j.Accessibility accessibility)
      throws KeychainException {
    if (accessibility != dev.keychain4j.Accessibility.WHEN_UNLOCKED) {
      throw notSupported("secret accessibility " + accessibility.cliName());
    }
    return unsealSecret(binding, sealed);
  }

  /**
   * Destroys the key after the keychain deleted its item, or drops cached material for it.
   * Elements whose keys live only in their references (sealed blobs) just drop caches.
   */
  void destroyKey(KeyBinding binding, KeyReference reference) throws KeychainException;

  // Lock state and user authentication. Elements without them keep these defaults, which
  // reject the request naming the element.

  /**
   * Locks the element: items whose accessibility needs an unlocked keychain are refused until
   * {@link #unlock}.
   */
  default void lock() throws KeychainException {
    throw notSupported("locking");
  }

  /**
   * Unlocks the element with the keychain passphrase.
   *
   * @throws dev.keychain4j.WrongPassphraseException if the passphrase is wrong
   */
  default void unlock(byte[] passphrase) throws KeychainException {
    throw notSupported("unlocking");
  }

  /** Returns whether the element is locked; elements without lock state are never locked. */
  default boolean isLocked() {
    return false;
  }

  /** Registers the authenticator the element calls for keys that need its type. */
  default void registerAuthenticator(Authenticator authenticator) throws KeychainException {
    throw notSupported("user authentication");
  }

  /**
   * Starts one operation on a key that needs per-operation authentication: returns a fresh random
   * challenge that the element accepts in tokens for that key's next operation only.
   */
  default long beginOperation(KeyBinding binding) throws KeychainException {
    throw notSupported("user authentication");
  }

  /**
   * Runs the registered authenticator of {@code type} and returns a token for {@code challenge}
   * (0 for a time-window token).
   */
  default AuthToken authenticate(AuthenticatorType type, long challenge, String reason)
      throws KeychainException {
    throw notSupported("user authentication");
  }

  /** Returns a new passcode record (slow hash, failure count, MAC) for the keychain to store. */
  default byte[] createPasscodeRecord(char[] passcode) throws KeychainException {
    throw notSupported("passcodes");
  }

  /**
   * Authenticates a stored passcode record and counts one attempt in it, before the passcode is
   * checked, so an attempt cut short still counts. Store the result before calling {@link
   * #verifyPasscode}.
   *
   * @throws dev.keychain4j.AuthenticationLockoutException while the failure delay runs
   */
  default byte[] countPasscodeAttempt(byte[] record) throws KeychainException {
    throw notSupported("passcodes");
  }

  /**
   * Checks {@code passcode} against a record returned by {@link #countPasscodeAttempt}. Returns
   * the record to store (the count reset on success) and, on success, a token for {@code
   * challenge}.
   */
  default PasscodeVerification verifyPasscode(byte[] countedRecord, char[] passcode, long challenge)
      throws KeychainException {
    throw notSupported("passcodes");
  }

  private KeychainException notSupported(String feature) {
    return new KeychainException(
        "The secure element " + name() + " does not support " + feature + ": use the software"
            + " enclave for keys that need it");
  }

  /** Releases the element and wipes the key material it holds in memory. */
  @Override
  void close();
}
