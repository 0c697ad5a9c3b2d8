package dev.keychain4j;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A subset of a key's authorizations: the ones one component enforces. A key's authorizations are
 * split into those its secure element enforces and those only the library enforces, like the
 * hardware-enforced and software-enforced lists of an Android key attestation.
 */
public final class Authorizations {
  private final KeyParameters parameters;
  private final Set<AuthorizationTag> tags;

  private Authorizations(KeyParameters parameters, Set<AuthorizationTag> tags) {
    this.parameters = parameters;
    this.tags = tags;
  }

  /**
   * Returns the authorizations of {@code parameters} that have one of {@code tags}. Tags for an
   * absent value (no usage limit, no validity end) are left out.
   */
  public static Authorizations of(KeyParameters parameters, Set<AuthorizationTag> tags) {
    EnumSet<AuthorizationTag> present = EnumSet.noneOf(AuthorizationTag.class);
    for (AuthorizationTag tag : tags) {
      if (isPresent(parameters, tag)) {
        present.add(tag);
      }
    }
    return new Authorizations(parameters.withoutLabel(), Collections.unmodifiableSet(present));
  }

  private static boolean isPresent(KeyParameters parameters, AuthorizationTag tag) {
    switch (tag) {
      case PADDING:
        return !parameters.paddings().isEmpty();
      case ACTIVE_FROM:
        return parameters.activeFrom().isPresent();
      case ORIGINATION_END:
        return parameters.originationEnd().isPresent();
      case CONSUMPTION_END:
        return parameters.consumptionEnd().isPresent();
      case USAGE_LIMIT:
        return parameters.usageLimit().isPresent();
      default:
        return true;
    }
  }

  /** Returns the kinds of authorization in this list. */
  public Set<AuthorizationTag> tags() {
    return tags;
  }

  public boolean contains(AuthorizationTag tag) {
    return tags.contains(tag);
  }

  public boolean isEmpty() {
    return tags.isEmpty();
  }

  public Optional<KeyAlgorithm> algorithm() {
    return tags.contains(AuthorizationTag.ALGORITHM)
        ? Optional.of(parameters.algorithm())
        : Optional.empty();
  }

  public Set<Purpose> purposes() {
    return tags.contains(AuthorizationTag.PURPOSE) ? parameters.purposes() : Set.of();
  }

  public Set<Digest> digests() {
    return tags.contains(AuthorizationTag.DIGEST) ? parameters.digests() : Set.of();
  }

  public Set<Padding> paddings() {
    return tags.contains(AuthorizationTag.PADDING) ? parameters.paddings() : Set.of();
  }

  public Optional<Instant> activeFrom() {
    return tags.contains(AuthorizationTag.ACTIVE_FROM) ? parameters.activeFrom() : Optional.empty();
  }

  public Optional<Instant> originationEnd() {
    return tags.contains(AuthorizationTag.ORIGINATION_END)
        ? parameters.originationEnd()
        : Optional.empty();
  }

  public Optional<Instant> consumptionEnd() {
    return tags.contains(AuthorizationTag.CONSUMPTION_END)
        ? parameters.consumptionEnd()
        : Optional.empty();
  }

  public OptionalInt usageLimit() {
    return tags.contains(AuthorizationTag.USAGE_LIMIT)
        ? parameters.usageLimit()
        : OptionalInt.empty();
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Authorizations
        && ((Authorizations) other).parameters.equals(parameters)
        && ((Authorizations) other).tags.equals(tags);
  }

  @Override
  public int hashCode() {
    return parameters.hashCode() * 31 + tags.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("Authorizations{");
    String separator = "";
    for (AuthorizationTag tag : tags) {
      text.append(separator).append(tag).append('=').append(value(tag));
      separator = ", ";
    }
    return text.append('}').toString();
  }

  private Object value(AuthorizationTag tag) {
    switch (tag) {
      case ALGORITHM:
        return parameters.algorithm().cliName();
      case PURPOSE:
        return parameters.purposes();
      case DIGEST:
        return parameters.digests();
      case PADDING:
        return parameters.paddings();
      case ACTIVE_FROM:
        return parameters.activeFrom().orElseThrow();
      case ORIGINATION_END:
        return parameters.originationEnd().orElseThrow();
      case CONSUMPTION_END:
        return parameters.consumptionEnd().orElseThrow();
      default:
        return parameters.usageLimit().orElseThrow();
    }
  }
}
