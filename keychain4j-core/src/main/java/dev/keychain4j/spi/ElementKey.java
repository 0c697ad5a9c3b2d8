package dev.keychain4j.spi;

import dev.keychain4j.KeyParameters;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Everything the keychain stored about a key that a secure element needs to use it: the binding,
 * the authorizations as stored (without label), the element's reference, and the usage counter
 * when the key has a usage limit. The element must not trust any of it: it authenticates the
 * authorizations and the counter against what it bound at generation time.
 */
public final class ElementKey {
  private final KeyBinding binding;
  private final KeyParameters authorizations;
  private final KeyReference reference;
  private final @Nullable UsageCounter counter;
  private final List<AuthToken> authTokens;

  public ElementKey(
      KeyBinding binding,
      KeyParameters authorizations,
      KeyReference reference,
      @Nullable UsageCounter counter) {
    this.binding = Objects.requireNonNull(binding, "binding");
    this.authorizations = Objects.requireNonNull(authorizations, "authorizations").withoutLabel();
    this.reference = Objects.requireNonNull(reference, "reference");
    this.counter = counter;
    this.authTokens = List.of();
  }

  private ElementKey(ElementKey key, List<AuthToken> authTokens) {
    this.binding = key.binding;
    this.authorizations = key.authorizations;
    this.reference = key.reference;
    this.counter = key.counter;
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

  @Override
  public String toString() {
    return "ElementKey{" + binding + ", " + authorizations + ", " + reference
        + (counter == null ? "" : ", " + counter) + "}";
  }
}
