package dev.keychain4j;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An object in a keychain's secure element that no keychain item refers to: a key made by another
 * program, which {@link Keychain#adoptKey} can take in, or a public key or certificate without its
 * private key, which is only reported.
 *
 * @param id the element's identifier of the object (for a PKCS#11 token, CKA_ID in hex)
 * @param label the object's label in the element, if it has one
 * @param kind what the object is
 * @param algorithm the key algorithm, when the element can tell
 * @param adoptable whether {@link Keychain#adoptKey} can take it in
 * @param reason why it cannot be adopted, or an empty string
 */
public record UnmanagedObject(
    String id, @Nullable String label, Kind kind, @Nullable KeyAlgorithm algorithm, boolean adoptable, String reason) {
  /** The type of an unmanaged object. */
  public enum Kind {
    PRIVATE_KEY,
    PUBLIC_KEY,
    CERTIFICATE
  }

  public UnmanagedObject {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
  }

  public Optional<String> labelText() {
    return Optional.ofNullable(label);
  }

  public Optional<KeyAlgorithm> keyAlgorithm() {
    return Optional.ofNullable(algorithm);
  }
}
