package dev.keychain4j.pkcs11;

import dev.keychain4j.AuthorizationTag;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.Keychain;
import dev.keychain4j.KeychainException;
import dev.keychain4j.SecurityLevel;
import dev.keychain4j.contract.ElementFixture;
import dev.keychain4j.spi.SecureElement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The PKCS#11 element on a SoftHSM2 token: a software slot, purposes enforced by the token. */
final class Pkcs11Fixture implements ElementFixture {
  static final Pkcs11Fixture INSTANCE = new Pkcs11Fixture();

  static Map<String, String> options() {
    return Map.of(
        Pkcs11ElementProvider.LIBRARY, SoftHsm.LIBRARY, Pkcs11ElementProvider.TOKEN_LABEL, SoftHsm.LABEL);
  }

  @Override
  public Keychain create(Path directory) throws KeychainException {
    try {
      SoftHsm.ensureToken();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return Keychain.create(directory, Pkcs11Element.NAME, options(), secret());
  }

  @Override
  public char[] secret() {
    return SoftHsm.PIN.toCharArray();
  }

  @Override
  public String elementName() {
    return Pkcs11Element.NAME;
  }

  @Override
  public SecurityLevel securityLevel() {
    return SecurityLevel.SOFTWARE;
  }

  @Override
  public Set<AuthorizationTag> elementEnforced() {
    return EnumSet.of(AuthorizationTag.PURPOSE);
  }

  @Override
  public Set<KeyAlgorithm> algorithms() {
    return EnumSet.complementOf(EnumSet.of(KeyAlgorithm.X25519));
  }

  @Override
  public SecureElement openElement(Path directory) throws Exception {
    byte[] configuration;
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("keychain.db"));
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT value FROM meta WHERE name = 'element_config'")) {
      rows.next();
      configuration = rows.getBytes(1);
    }
    return new Pkcs11ElementProvider().open(configuration, secret());
  }
}
