package dev.keychain4j.spi;

import java.util.Objects;

/**
 * The identity of a key item that a secure element binds the key material to: its tag and the
 * keychain's random 63-bit item id. Binding both means a stored key cannot be moved to another
 * tag or replace another item with the same tag.
 */
public record KeyBinding(String tag, long id) {
  public KeyBinding {
    Objects.requireNonNull(tag, "tag");
  }
}
