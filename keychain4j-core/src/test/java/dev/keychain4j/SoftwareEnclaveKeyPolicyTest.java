package dev.keychain4j;

import dev.keychain4j.contract.ElementFixture;
import dev.keychain4j.contract.KeyPolicyContract;

/** The key policy contract on the built-in software enclave. */
class SoftwareEnclaveKeyPolicyTest extends KeyPolicyContract {
  @Override
  protected ElementFixture fixture() {
    return SoftwareEnclaveFixture.INSTANCE;
  }
}
