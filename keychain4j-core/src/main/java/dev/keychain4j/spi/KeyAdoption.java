package dev.keychain4j.spi;

import dev.keychain4j.KeyParameters;
import dev.keychain4j.KeychainException;
import dev.keychain4j.UnmanagedObject;
import java.util.List;

/**
 * The optional ability of a secure element to hold keys made outside the keychain (on a shared
 * token, say) and to take them in. A {@link SecureElement} that has it also implements this.
 */
public interface KeyAdoption {
  /**
   * Lists the element's objects that none of {@code managed} (the references of every key of the
   * keychain) refers to: private keys, and public keys or certificates without a private key.
   */
  List<UnmanagedObject> unmanagedObjects(List<KeyReference> managed) throws KeychainException;

  /**
   * Binds the existing private key {@code objectId} to {@code binding} and the parameters (without
   * label), after checking that the key has the parameters' algorithm and that the element enforces
   * their purposes for it. Returns its reference and public key.
   */
  GeneratedKey adoptKey(KeyBinding binding, KeyParameters parameters, String objectId) throws KeychainException;
}
