package dev.keychain4j.jca;

import java.security.Provider;
import java.security.Security;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Installs a fresh provider before each test, first or last in the list as the subclass chooses,
 * and removes it after the test. Each provider test class has one subclass for each position.
 */
abstract class InstalledProvider {
  protected final Provider provider = new Keychain4jProvider();

  /** Returns true to install the provider first in the list, false to install it last. */
  abstract boolean installFirst();

  @BeforeEach
  final void installProvider() {
    Security.removeProvider(Keychain4jProvider.NAME);
    if (installFirst()) {
      Security.insertProviderAt(provider, 1);
    } else {
      Security.addProvider(provider);
    }
    Provider[] providers = Security.getProviders();
    int expectedIndex = installFirst() ? 0 : providers.length - 1;
    if (providers[expectedIndex] != provider) {
      throw new IllegalStateException("The provider was not installed at index " + expectedIndex);
    }
  }

  @AfterEach
  final void removeProvider() {
    Security.removeProvider(Keychain4jProvider.NAME);
  }
}
