package dev.keychain4j.jca;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Provider;
import java.security.Security;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** How the provider is found and installed; it must never install itself. */
class ProviderRegistrationTest {
  @Test
  void serviceLoaderFindsProvider() {
    boolean found = false;
    for (Provider provider : ServiceLoader.load(Provider.class)) {
      found |= provider instanceof Keychain4jProvider;
    }

    assertThat(found).isTrue();
  }

  @Test
  void creatingProviderInstallsNothing() {
    Provider provider = new Keychain4jProvider();

    assertThat(provider.getName()).isEqualTo("Keychain4j");
    assertThat(Security.getProvider("Keychain4j")).isNull();
  }

  @Test
  void enginesDeclareSupportedKeyClasses() {
    Provider provider = new Keychain4jProvider();

    for (Provider.Service service : provider.getServices()) {
      boolean usesPrivateKey =
          service.getType().equals("Signature")
              || service.getType().equals("KeyAgreement")
              || service.getType().equals("Cipher");
      String keyClasses = service.getAttribute("SupportedKeyClasses");
      if (usesPrivateKey) {
        assertThat(keyClasses).as(service.toString()).isEqualTo(KeychainPrivateKey.class.getName());
      } else {
        assertThat(keyClasses).as(service.toString()).isNull();
      }
    }
  }
}
