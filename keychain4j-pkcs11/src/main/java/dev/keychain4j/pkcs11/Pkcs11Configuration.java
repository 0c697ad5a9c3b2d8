package dev.keychain4j.pkcs11;

import dev.keychain4j.KeychainStorageException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The settings a keychain records to find its token again: the module path, the token label and a
 * random keychain id that names the keychain's objects on the token. The PIN is never recorded.
 */
record Pkcs11Configuration(String library, String tokenLabel, String keychainId) {
  Pkcs11Configuration {
    Objects.requireNonNull(library, "library");
    Objects.requireNonNull(tokenLabel, "tokenLabel");
    Objects.requireNonNull(keychainId, "keychainId");
  }

  /** Returns the CKA_ID of one of the keychain's secret keys on the token. */
  byte[] secretKeyId(String role) {
    return ("keychain4j-" + keychainId + "-" + role).getBytes(StandardCharsets.UTF_8);
  }

  /** Encodes as {@code name=value} lines. Values cannot contain a line break. */
  byte[] encode() {
    return ("library=" + library + "\ntoken-label=" + tokenLabel + "\nkeychain-id=" + keychainId + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  static Pkcs11Configuration decode(byte[] bytes) throws KeychainStorageException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw damaged("it is not UTF-8");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      int equals = line.indexOf('=');
      if (equals <= 0) {
        throw damaged("a line has no name=value");
      }
      values.put(line.substring(0, equals), line.substring(equals + 1));
    }
    String library = values.get("library");
    String token = values.get("token-label");
    String id = values.get("keychain-id");
    if (library == null || token == null || id == null) {
      throw damaged("library, token-label or keychain-id is missing");
    }
    return new Pkcs11Configuration(library, token, id);
  }

  private static KeychainStorageException damaged(String reason) {
    return new KeychainStorageException(
        "The stored PKCS#11 configuration of this keychain is invalid (" + reason + "): restore the"
            + " keychain database from a backup");
  }
}
