package dev.keychain4j.spi;

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
   * Destroys the key after the keychain deleted its item, or drops cached material for it.
   * Elements whose keys live only in their references (sealed blobs) just drop caches.
   */
  void destroyKey(KeyBinding binding, KeyReference reference) throws KeychainException;

  /** Releases the element and wipes the key material it holds in memory. */
  @Override
  void close();
}
