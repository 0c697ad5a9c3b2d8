package dev.keychain4j.jca;

/** The key store tests with the provider last in the list. */
class KeyStoreProviderLastTest extends AbstractKeyStoreTest {
  @Override
  boolean installFirst() {
    return false;
  }
}
