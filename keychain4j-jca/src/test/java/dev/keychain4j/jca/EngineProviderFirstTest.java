package dev.keychain4j.jca;

/** The engine tests with the provider first in the list. */
class EngineProviderFirstTest extends AbstractEngineTest {
  @Override
  boolean installFirst() {
    return true;
  }
}
