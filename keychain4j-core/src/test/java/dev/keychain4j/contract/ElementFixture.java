package dev.keychain4j.contract;

import dev.keychain4j.AuthorizationTag;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.Keychain;
import dev.keychain4j.KeychainException;
import dev.keychain4j.SecurityLevel;
import dev.keychain4j.spi.SecureElement;
import java.nio.file.Path;
import java.util.Set;

/**
 * What the keychain contract tests need to know about one secure element: how to create a keychain
 * on it, the secret that opens it, and what the element offers and enforces.
 */
public interface ElementFixture {
  /** Creates a keychain in {@code directory} on this element, unlocked by {@link #secret()}. */
  Keychain create(Path directory) throws KeychainException;

  /** Returns the passphrase or PIN that opens keychains made by {@link #create}. */
  char[] secret();

  String elementName();

  SecurityLevel securityLevel();

  /** Returns the authorizations the element enforces itself (all others are library-enforced). */
  Set<AuthorizationTag> elementEnforced();

  Set<KeyAlgorithm> algorithms();

  /** Opens the element of the keychain in {@code directory} outside the keychain, as an attacker with the secret could. */
  SecureElement openElement(Path directory) throws Exception;
}
