package dev.keychain4j.spi;

import dev.keychain4j.KeyParameters;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Everything the keychain stored about a key that a secure element needs to use it. That is the
 * binding, the authorizations as stored (without label), the element's reference, the usage
 * counter when the key has a usage limit, and the stored public key (SubjectPublicKeyInfo DER)
 * when the keychain has one. The element must not trust any of it: it authenticates the
 * authorizations, the counter and the public key against the key it bound at generation time.
 */
public final class ElementKey {
  private final KeyBinding binding;
  private final KeyParameters authorizations;
  private final KeyReference reference;
  private final @Nullable UsageCounter counter;
  private final List<AuthToken> authTokens;
  private final byte @Nullable [] publicKey;

  /** Creates a key without a stored public key, for keys whose public key is kept elsewhere. */
  public ElementKey(
      KeyBinding binding,
      KeyParameters authorizations,
      KeyReference reference,
      @Nullable UsageCounter counter) {
    this(binding, authorizations, reference, counter, null);
  }

  /**
   * Creates a key with its stored public key, which the element checks against the private key.
   *
   * @param publicKey the SubjectPublicKeyInfo DER as stored, or null when none is stored
   */
  public ElementKey(
      KeyBinding binding,
      KeyParameters authorizations,
      KeyReference reference,
      @Nullable UsageCounter counter,
      byte @Nullable [] publicKey) {
    this.binding = Objects.requireNonNull(binding, "binding");
    this.authorizations = Objects.requireNonNull(authorizations, "authorizations").withoutLabel();
    this.reference = Objects.requireNonNull(reference, "reference");
    this.counter = counter;
    this.authTokens = List.of();
    this.publicKey = publicKey == null ? null : publicKey.clone();
  }

  private ElementKey(ElementKey key, List<AuthToken> authTokens) {
    this.binding = key.binding;
    this.authorizations = key.authorizations;
    this.reference = key.reference;
    this.counter = key.counter;
    this.publicKey = key.publicKey;
    this.authTokens = List.copyOf(authTokens);
  }

  /** Returns this key with the authentication tokens presented for one operation. */
  public ElementKey withAuthTokens(List<AuthToken> tokens) {
    return new ElementKey(this, tokens);
  }

  /** Returns the authentication tokens presented for this operation, not yet verified. */
  public List<AuthToken> authTokens() {
    return authTokens;
  }

  public KeyBinding binding() {
    return binding;
  }

  /** Returns the authorizations read from the store, not yet authenticated. */
  public KeyParameters authorizations() {
    return authorizations;
  }

  public KeyReference reference() {
    return reference;
  }

  /** Returns the usage counter read from the store, not yet authenticated. */
  public Optional<UsageCounter> counter() {
    return Optional.ofNullable(counter);
  }

  /** Returns the stored public key (SubjectPublicKeyInfo DER), not yet authenticated. */
  public Optional<byte[]> publicKey() {
    return publicKey == null ? Optional.empty() : Optional.of(publicKey.clone());
  }

  /**
   * Returns whether the stored public key is exactly {@code encoded}, or both are absent. Unlike
   * {@link #publicKey()} it copies nothing, for elements that compare on every operation.
   */
  public boolean hasPublicKey(byte @Nullable [] encoded) {
    return Arrays.equals(publicKey, encoded);
  }

  @Override
  public String toString() {
    return "ElementKey{" + binding + ", " + authorizations + ", " + reference
        + (counter == null ? "" : ", " + counter) + "}";
  }
}
