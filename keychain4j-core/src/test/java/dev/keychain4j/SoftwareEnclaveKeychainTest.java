package dev.keychain4j;

import dev.keychain4j.contract.ElementFixture;
import dev.keychain4j.contract.KeychainContract;

/** The keychain contract on the built-in software enclave. */
class SoftwareEnclaveKeychainTest extends KeychainContract {
  @Override
  protected ElementFixture fixture() {
    return SoftwareEnclaveFixture.INSTANCE;
  }
}
