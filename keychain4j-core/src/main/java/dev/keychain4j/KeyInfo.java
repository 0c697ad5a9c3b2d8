package dev.keychain4j;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The keychain's record of a key: its parameters, state and public key, never the private key.
 */
public final class KeyInfo {
  private final String tag;
  private final KeyParameters parameters;
  private final Instant creationTime;
  private final SecurityLevel securityLevel;
  private final int remainingUses;
  private final Authorizations elementEnforced;
  private final Authorizations libraryEnforced;
  private final boolean hasCertificateChain;
  private final PublicKey publicKey;

  /**
   * Creates the description; {@code remainingUses} is -1 for a key without usage limit. Used by
   * the keychain, not by applications.
   */
  public KeyInfo(
      String tag,
      KeyParameters parameters,
      Instant creationTime,
      SecurityLevel securityLevel,
      int remainingUses,
      Authorizations elementEnforced,
      Authorizations libraryEnforced,
      boolean hasCertificateChain,
      PublicKey publicKey) {
    this.tag = Objects.requireNonNull(tag, "tag");
    this.parameters = Objects.requireNonNull(parameters, "parameters");
    this.creationTime = Objects.requireNonNull(creationTime, "creationTime");
    this.securityLevel = Objects.requireNonNull(securityLevel, "securityLevel");
    this.remainingUses = remainingUses;
    this.elementEnforced = Objects.requireNonNull(elementEnforced, "elementEnforced");
    this.libraryEnforced = Objects.requireNonNull(libraryEnforced, "libraryEnforced");
    this.hasCertificateChain = hasCertificateChain;
    this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
  }

  public String tag() {
    return tag;
  }

  public Optional<String> label() {
    return parameters.label();
  }

  public KeyAlgorithm algorithm() {
    return parameters.algorithm();
  }

  public Instant creationTime() {
    return creationTime;
  }

  /** Returns the security level of the secure element that contains the key. */
  public SecurityLevel securityLevel() {
    return securityLevel;
  }

  /** Returns all parameters the key was generated with, including its label. */
  public KeyParameters parameters() {
    return parameters;
  }

  /** Returns the private-key operations left, if the key has a usage limit. */
  public OptionalInt remainingUses() {
    return remainingUses < 0 ? OptionalInt.empty() : OptionalInt.of(remainingUses);
  }

  /** Returns the authorizations the secure element enforces itself. */
  public Authorizations elementEnforced() {
    return elementEnforced;
  }

  /** Returns the authorizations only the keychain library enforces. */
  public Authorizations libraryEnforced() {
    return libraryEnforced;
  }

  public boolean hasCertificateChain() {
    return hasCertificateChain;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public String toString() {
    return "KeyInfo{tag=" + tag + ", " + parameters + ", created=" + creationTime
        + ", securityLevel=" + securityLevel
        + (remainingUses < 0 ? "" : ", remainingUses=" + remainingUses)
        + ", certificateChain=" + hasCertificateChain + "}";
  }
}
