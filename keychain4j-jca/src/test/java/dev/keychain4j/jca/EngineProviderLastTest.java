package dev.keychain4j.jca;

/** The engine tests with the provider last in the list. */
class EngineProviderLastTest extends AbstractEngineTest {
  @Override
  boolean installFirst() {
    return false;
  }
}
