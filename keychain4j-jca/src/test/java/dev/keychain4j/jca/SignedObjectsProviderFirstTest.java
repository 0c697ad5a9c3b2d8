package dev.keychain4j.jca;

/** The JWT and CMS tests with the provider first in the list. */
class SignedObjectsProviderFirstTest extends AbstractSignedObjectsTest {
  @Override
  boolean installFirst() {
    return true;
  }
}
