package dev.keychain4j.jca;

/** Mutual TLS with SoftHSM2 token keys, with the provider first in the list. */
class Pkcs11TlsProviderFirstTest extends AbstractPkcs11TlsTest {
  @Override
  boolean installFirst() {
    return true;
  }
}
