package dev.keychain4j.jca;

/** The JWT and CMS tests with the provider last in the list. */
class SignedObjectsProviderLastTest extends AbstractSignedObjectsTest {
  @Override
  boolean installFirst() {
    return false;
  }
}
