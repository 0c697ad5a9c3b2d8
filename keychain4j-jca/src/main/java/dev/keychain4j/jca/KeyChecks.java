package dev.keychain4j.jca;

import dev.keychain4j.KeyAlgorithm;
import java.security.InvalidKeyException;
import java.security.Key;
import org.jspecify.annotations.Nullable;

/** The key check every engine of this provider runs first. */
final class KeyChecks {
  private KeyChecks() {}

  /**
   * Returns the key as a keychain handle of the given family.
   *
   * @throws InvalidKeyException for a key of another provider or another family
   */
  static KeychainPrivateKey requireHandle(@Nullable Key key, KeyAlgorithm.Family family, String engine)
      throws InvalidKeyException {
    if (!(key instanceof KeychainPrivateKey)) {
      String kind = key == null ? "null" : key.getClass().getName();
      throw new InvalidKeyException(
          "The Keychain4j " + engine + " accepts only keychain key handles, not " + kind
              + ": use another provider for this key, or get the key from the Keychain4j KeyStore");
    }
    KeychainPrivateKey handle = (KeychainPrivateKey) key;
    if (handle.keyAlgorithm().family() != family) {
      throw new InvalidKeyException(
          "Key '" + handle.tag() + "' is an " + handle.keyAlgorithm().cliName() + " key, but "
              + engine + " needs a key of family " + family);
    }
    return handle;
  }
}
