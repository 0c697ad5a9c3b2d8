package dev.keychain4j.spi;

import dev.keychain4j.KeychainException;
import java.util.Map;

/**
 * Makes and reopens the secure element of a keychain. Providers in other modules are found with
 * {@link java.util.ServiceLoader} by {@link #name()}; the software enclave is built in.
 *
 * <p>The keychain stores the name and the configuration bytes that {@link #create} returns, and
 * passes them back to {@link #open}. The secret (a passphrase or a token PIN) is never stored: the
 * configuration must not contain it.
 */
public interface SecureElementProvider {
  /** Returns the element name recorded in the keychain, such as {@code pkcs11}. */
  String name();

  /**
   * Sets up a new element for a new keychain.
   *
   * @param options element settings by name (for example a library path); unknown names are
   *     rejected with {@link IllegalArgumentException}
   * @param secret what unlocks the element; the provider neither keeps nor modifies the array
   */
  ElementSetup create(Map<String, String> options, char[] secret) throws KeychainException;

  /** Reopens the element of an existing keychain from the configuration {@link #create} returned. */
  SecureElement open(byte[] configuration, char[] secret) throws KeychainException;
}
