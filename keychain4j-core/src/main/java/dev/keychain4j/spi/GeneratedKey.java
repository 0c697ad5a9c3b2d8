package dev.keychain4j.spi;

import java.security.PublicKey;
import java.util.Objects;

/** A key pair a secure element generated: the reference to its private half and the public key. */
public record GeneratedKey(KeyReference reference, PublicKey publicKey) {
  public GeneratedKey {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(publicKey, "publicKey");
  }
}
