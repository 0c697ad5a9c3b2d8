package dev.keychain4j.pkcs11;

import dev.keychain4j.KeychainException;
import dev.keychain4j.spi.ElementSetup;
import dev.keychain4j.spi.SecureElement;
import dev.keychain4j.spi.SecureElementProvider;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Provides the {@code pkcs11} element. Options: {@value #LIBRARY} (path of the PKCS#11 module) and
 * {@value #TOKEN_LABEL}; the secret is the token's user PIN.
 */
public final class Pkcs11ElementProvider implements SecureElementProvider {
  /** Option naming the path of the PKCS#11 module's shared library. */
  public static final String LIBRARY = "library";

  /** Option naming the token by its label (not its slot number, which can change). */
  public static final String TOKEN_LABEL = "token-label";

  @Override
  public String name() {
    return Pkcs11Element.NAME;
  }

  @Override
  public ElementSetup create(Map<String, String> options, char[] secret) throws KeychainException {
    for (String option : options.keySet()) {
      if (!Set.of(LIBRARY, TOKEN_LABEL).contains(option)) {
        throw new IllegalArgumentException(
            "Unknown PKCS#11 option '" + option + "': use " + LIBRARY + " and " + TOKEN_LABEL);
      }
    }
    String library = required(options, LIBRARY);
    String label = required(options, TOKEN_LABEL);
    if (library.contains("\n") || label.contains("\n")) {
      throw new IllegalArgumentException("A PKCS#11 library path or token label cannot contain a line break");
    }
    byte[] id = new byte[16];
    new SecureRandom().nextBytes(id);
    Pkcs11Configuration configuration = new Pkcs11Configuration(library, label, HexFormat.of().formatHex(id));
    Token token = Token.open(library, label, secret);
    try {
      Pkcs11Element element = Pkcs11Element.create(token, configuration);
      return new ElementSetup(element, configuration.encode());
    } catch (KeychainException | RuntimeException e) {
      token.close();
      throw e;
    }
  }

  @Override
  public SecureElement open(byte[] configuration, char[] secret) throws KeychainException {
    Pkcs11Configuration decoded = Pkcs11Configuration.decode(configuration);
    Token token = Token.open(decoded.library(), decoded.tokenLabel(), secret);
    try {
      return Pkcs11Element.open(token, decoded);
    } catch (KeychainException | RuntimeException e) {
      token.close();
      throw e;
    }
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "Missing PKCS#11 option '" + name + "': give the module path (" + LIBRARY + ") and the"
              + " token label (" + TOKEN_LABEL + ")");
    }
    return value;
  }
}
