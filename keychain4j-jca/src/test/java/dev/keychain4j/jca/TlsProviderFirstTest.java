package dev.keychain4j.jca;

/** The TLS tests with the provider first in the list. */
class TlsProviderFirstTest extends AbstractTlsTest {
  @Override
  boolean installFirst() {
    return true;
  }
}
