package dev.keychain4j.jca;

/** Mutual TLS with SoftHSM2 token keys, with the provider last in the list. */
class Pkcs11TlsProviderLastTest extends AbstractPkcs11TlsTest {
  @Override
  boolean installFirst() {
    return false;
  }
}
