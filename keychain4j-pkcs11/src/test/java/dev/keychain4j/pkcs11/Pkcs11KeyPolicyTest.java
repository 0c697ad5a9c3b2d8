package dev.keychain4j.pkcs11;

import dev.keychain4j.contract.ElementFixture;
import dev.keychain4j.contract.KeyPolicyContract;

/** The key policy contract on a SoftHSM2 token. */
class Pkcs11KeyPolicyTest extends KeyPolicyContract {
  @Override
  protected ElementFixture fixture() {
    return Pkcs11Fixture.INSTANCE;
  }
}
