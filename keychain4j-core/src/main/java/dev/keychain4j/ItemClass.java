package dev.keychain4j;

/** The class of a keychain item. A tag is unique within its class. */
public enum ItemClass {
  /** A private key generated in the secure element, with its public key. */
  KEY,
  /** A certificate stored on its own. */
  CERTIFICATE,
  /**
   * A key that has a certificate chain. Identities are keys seen through their chain: a query for
   * this class lists the keys with a chain, and deleting an identity deletes the key.
   */
  IDENTITY,
  /** A generic secret such as a password or a token, sealed by the secure element. */
  SECRET
}
