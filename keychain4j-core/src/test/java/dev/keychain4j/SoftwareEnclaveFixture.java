package dev.keychain4j;

import dev.keychain4j.contract.ElementFixture;
import dev.keychain4j.contract.KeychainContract;

import dev.keychain4j.internal.enclave.SoftwareEnclave;
import dev.keychain4j.spi.SecureElement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Set;

/** The built-in software enclave: every algorithm, every authorization enforced in the element. */
final class SoftwareEnclaveFixture implements ElementFixture {
  static final SoftwareEnclaveFixture INSTANCE = new SoftwareEnclaveFixture();

  @Override
  public Keychain create(Path directory) throws KeychainException {
    return Keychain.create(directory, KeychainContract.PASSPHRASE);
  }

  @Override
  public char[] secret() {
    return KeychainContract.PASSPHRASE.clone();
  }

  @Override
  public String elementName() {
    return SoftwareEnclave.NAME;
  }

  @Override
  public SecurityLevel securityLevel() {
    return SecurityLevel.SOFTWARE;
  }

  @Override
  public Set<AuthorizationTag> elementEnforced() {
    return EnumSet.allOf(AuthorizationTag.class);
  }

  @Override
  public Set<KeyAlgorithm> algorithms() {
    return EnumSet.allOf(KeyAlgorithm.class);
  }

  @Override
  public SecureElement openElement(Path directory) throws Exception {
    byte[] wrapped;
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("keychain.db"));
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT value FROM meta WHERE name = 'device_key'")) {
      rows.next();
      wrapped = rows.getBytes(1);
    }
    return SoftwareEnclave.open(
        wrapped, new String(KeychainContract.PASSPHRASE).getBytes(StandardCharsets.UTF_8));
  }
}
