package dev.keychain4j.jca;

/** The TLS tests with the provider last in the list. */
class TlsProviderLastTest extends AbstractTlsTest {
  @Override
  boolean installFirst() {
    return false;
  }
}
