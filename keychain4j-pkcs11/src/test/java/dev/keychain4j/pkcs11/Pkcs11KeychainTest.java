package dev.keychain4j.pkcs11;

import dev.keychain4j.contract.ElementFixture;
import dev.keychain4j.contract.KeychainContract;

/** The keychain contract on a SoftHSM2 token. */
class Pkcs11KeychainTest extends KeychainContract {
  @Override
  protected ElementFixture fixture() {
    return Pkcs11Fixture.INSTANCE;
  }
}
