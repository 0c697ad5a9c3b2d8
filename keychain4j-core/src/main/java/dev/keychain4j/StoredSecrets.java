package dev.keychain4j;

import dev.keychain4j.internal.AuthorizationCodec;
import dev.keychain4j.internal.MalformedDataException;
import java.util.Arrays;

/**
 * The stored form of a generic secret: the element's sealed bytes, preceded by {@code 0x80 |
 * accessibility code} unless the accessibility is {@code WHEN_UNLOCKED}. Sealed records start with
 * their version byte 1, so the two forms are distinguished, and secrets stored before accessibility
 * existed read as {@code WHEN_UNLOCKED}. The element binds the accessibility into the sealing, so
 * editing the prefix makes the secret fail authentication.
 */
final class StoredSecrets {
  private static final int PREFIX_BIT = 0x80;

  private StoredSecrets() {}

  record Parsed(Accessibility accessibility, byte[] sealed) {}

  static byte[] encode(Accessibility accessibility, byte[] sealed) {
    if (accessibility == Accessibility.WHEN_UNLOCKED) {
      return sealed;
    }
    byte[] stored = new byte[sealed.length + 1];
    stored[0] = (byte) (PREFIX_BIT | AuthorizationCodec.accessibilityCode(accessibility));
    System.arraycopy(sealed, 0, stored, 1, sealed.length);
    return stored;
  }

  /**
   * Splits a stored secret. Only the software enclave's records (which start with version byte 1)
   * may carry the prefix; other elements' records are taken whole as {@code WHEN_UNLOCKED}.
   */
  static Parsed decode(String tag, byte[] stored, boolean prefixAllowed) throws KeyCorruptedException {
    if (!prefixAllowed || stored.length == 0 || (stored[0] & PREFIX_BIT) == 0) {
      return new Parsed(Accessibility.WHEN_UNLOCKED, stored);
    }
    try {
      Accessibility accessibility = AuthorizationCodec.accessibilityFromCode(stored[0] & 0x7f);
      if (accessibility == Accessibility.WHEN_UNLOCKED) {
        throw new MalformedDataException("non-canonical accessibility prefix");
      }
      return new Parsed(accessibility, Arrays.copyOfRange(stored, 1, stored.length));
    } catch (MalformedDataException e) {
      throw new KeyCorruptedException(
          "Secret '" + tag + "' has an invalid stored accessibility: it was edited outside"
              + " keychain4j. Delete it and store it again");
    }
  }
}
