package dev.keychain4j.jca;

/** The key store tests with the provider first in the list. */
class KeyStoreProviderFirstTest extends AbstractKeyStoreTest {
  @Override
  boolean installFirst() {
    return true;
  }
}
