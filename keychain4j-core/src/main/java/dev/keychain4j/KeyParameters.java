package dev.keychain4j;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The algorithm and authorizations a key is generated with, plus an optional label. Immutable;
 * build with {@link #builder(KeyAlgorithm)}.
 *
 * <p>Defaults when a set is not given: digests are SHA-256, SHA-384 and SHA-512 for EC and RSA keys
 * and {@link Digest#NONE} for Ed25519 and X25519 keys. EC keys may also allow {@link Digest#NONE},
 * which lets them sign a hash the caller computed (as Android Keystore's {@code DIGEST_NONE}); it
 * is never a default. RSA paddings are PKCS#1 v1.5 and PSS when
 * the key may sign or verify, plus OAEP when it may encrypt or decrypt. Non-RSA keys have no
 * paddings. There is no default purpose.
 *
 * <p>Validity follows Android Keystore: a key is usable from {@code activeFrom} (inclusive). The
 * origination end limits SIGN, ENCRYPT and ATTEST_KEY, the consumption end limits VERIFY, DECRYPT and
 * AGREE_KEY, and each end instant is still inside the window.
 */
public final class KeyParameters {
  /** Maximum label length, in characters. */
  public static final int MAX_LABEL_LENGTH = 1024;

  private final KeyAlgorithm algorithm;
  private final Set<Purpose> purposes;
  private final Set<Digest> digests;
  private final Set<Padding> paddings;
  private final @Nullable Instant activeFrom;
  private final @Nullable Instant originationEnd;
  private final @Nullable Instant consumptionEnd;
  private final int usageLimit;
  private final Accessibility accessibility;
  private final @Nullable AccessControl accessControl;
  private final int authTimeoutSeconds;
  private final @Nullable String label;

  private KeyParameters(Builder builder, Set<Digest> digests, Set<Padding> paddings) {
    this.algorithm = builder.algorithm;
    this.purposes = Collections.unmodifiableSet(EnumSet.copyOf(builder.purposes));
    this.digests = Collections.unmodifiableSet(digests);
    this.paddings = Collections.unmodifiableSet(paddings);
    this.activeFrom = builder.activeFrom;
    this.originationEnd = builder.originationEnd;
    this.consumptionEnd = builder.consumptionEnd;
    this.usageLimit = builder.usageLimit;
    this.accessibility = builder.accessibility;
    this.accessControl = builder.accessControl;
    this.authTimeoutSeconds = builder.authTimeoutSeconds;
    this.label = builder.label;
  }

  /** Starts a builder for a key of the given algorithm. */
  public static Builder builder(KeyAlgorithm algorithm) {
    return new Builder(Objects.requireNonNull(algorithm, "algorithm"));
  }

  /** Returns a builder holding a copy of these parameters. */
  public Builder toBuilder() {
    Builder builder = new Builder(algorithm);
    builder.purposes.addAll(purposes);
    builder.digests = digests.isEmpty() ? EnumSet.noneOf(Digest.class) : EnumSet.copyOf(digests);
    builder.paddings =
        paddings.isEmpty() ? EnumSet.noneOf(Padding.class) : EnumSet.copyOf(paddings);
    builder.activeFrom = activeFrom;
    builder.originationEnd = originationEnd;
    builder.consumptionEnd = consumptionEnd;
    builder.usageLimit = usageLimit;
    builder.accessibility = accessibility;
    builder.accessControl = accessControl;
    builder.authTimeoutSeconds = authTimeoutSeconds;
    builder.label = label;
    return builder;
  }

  public KeyAlgorithm algorithm() {
    return algorithm;
  }

  /** Returns the purposes, never empty. */
  public Set<Purpose> purposes() {
    return purposes;
  }

  /** Returns the allowed digests. */
  public Set<Digest> digests() {
    return digests;
  }

  /** Returns the allowed RSA paddings, empty for non-RSA keys. */
  public Set<Padding> paddings() {
    return paddings;
  }

  public Optional<Instant> activeFrom() {
    return Optional.ofNullable(activeFrom);
  }

  public Optional<Instant> originationEnd() {
    return Optional.ofNullable(originationEnd);
  }

  public Optional<Instant> consumptionEnd() {
    return Optional.ofNullable(consumptionEnd);
  }

  /** Returns the number of private-key operations allowed, if limited. */
  public OptionalInt usageLimit() {
    return usageLimit == 0 ? OptionalInt.empty() : OptionalInt.of(usageLimit);
  }

  /** Returns when the key may be used; {@link Accessibility#WHEN_UNLOCKED} unless set. */
  public Accessibility accessibility() {
    return accessibility;
  }

  /** Returns the user authentication the key needs, if any. */
  public Optional<AccessControl> accessControl() {
    return Optional.ofNullable(accessControl);
  }

  /**
   * Returns how many seconds one authentication lets the key be used; empty when the user must
   * authenticate every operation.
   */
  public OptionalInt authTimeoutSeconds() {
    return authTimeoutSeconds == 0 ? OptionalInt.empty() : OptionalInt.of(authTimeoutSeconds);
  }

  /** Returns the label the key item gets; not an authorization. */
  public Optional<String> label() {
    return Optional.ofNullable(label);
  }

  /** Returns these parameters without the label, which is all a secure element receives. */
  public KeyParameters withoutLabel() {
    if (label == null) {
      return this;
    }
    Builder builder = toBuilder();
    builder.label = null;
    return builder.build();
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof KeyParameters)) {
      return false;
    }
    KeyParameters that = (KeyParameters) other;
    return algorithm == that.algorithm
        && purposes.equals(that.purposes)
        && digests.equals(that.digests)
        && paddings.equals(that.paddings)
        && Objects.equals(activeFrom, that.activeFrom)
        && Objects.equals(originationEnd, that.originationEnd)
        && Objects.equals(consumptionEnd, that.consumptionEnd)
        && usageLimit == that.usageLimit
        && accessibility == that.accessibility
        && Objects.equals(accessControl, that.accessControl)
        && authTimeoutSeconds == that.authTimeoutSeconds
        && Objects.equals(label, that.label);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        algorithm,
        purposes,
        digests,
        paddings,
        activeFrom,
        originationEnd,
        consumptionEnd,
        usageLimit,
        accessibility,
        accessControl,
        authTimeoutSeconds,
        label);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("KeyParameters{algorithm=").append(algorithm.cliName());
    text.append(", purposes=").append(purposes);
    text.append(", digests=").append(digests);
    text.append(", paddings=").append(paddings);
    if (activeFrom != null) {
      text.append(", activeFrom=").append(activeFrom);
    }
    if (originationEnd != null) {
      text.append(", originationEnd=").append(originationEnd);
    }
    if (consumptionEnd != null) {
      text.append(", consumptionEnd=").append(consumptionEnd);
    }
    if (usageLimit != 0) {
      text.append(", usageLimit=").append(usageLimit);
    }
    if (accessibility != Accessibility.WHEN_UNLOCKED) {
      text.append(", accessibility=").append(accessibility);
    }
    if (accessControl != null) {
      text.append(", accessControl=").append(accessControl.toExpression());
    }
    if (authTimeoutSeconds != 0) {
      text.append(", authTimeoutSeconds=").append(authTimeoutSeconds);
    }
    if (label != null) {
      text.append(", label=").append(label);
    }
    return text.append('}').toString();
  }

  /** A validating builder: single fields are checked when set, cross-field rules in build(). */
  public static final class Builder {
    private final KeyAlgorithm algorithm;
    private final EnumSet<Purpose> purposes = EnumSet.noneOf(Purpose.class);
    private @Nullable EnumSet<Digest> digests;
    private @Nullable EnumSet<Padding> paddings;
    private @Nullable Instant activeFrom;
    private @Nullable Instant originationEnd;
    private @Nullable Instant consumptionEnd;
    private int usageLimit;
    private Accessibility accessibility = Accessibility.WHEN_UNLOCKED;
    private @Nullable AccessControl accessControl;
    private int authTimeoutSeconds;
    private @Nullable String label;

    private Builder(KeyAlgorithm algorithm) {
      this.algorithm = algorithm;
    }

    /** Sets the purposes, replacing earlier ones. */
    public Builder purposes(Purpose... purposes) {
      return purposes(Set.of(purposes));
    }

    /** Sets the purposes, replacing earlier ones. */
    public Builder purposes(Set<Purpose> purposes) {
      this.purposes.clear();
      for (Purpose purpose : purposes) {
        this.purposes.add(Objects.requireNonNull(purpose, "purpose"));
      }
      return this;
    }

    /** Sets the allowed digests, replacing the default. */
    public Builder digests(Digest... digests) {
      return digests(Set.of(digests));
    }

    /** Sets the allowed digests, replacing the default. */
    public Builder digests(Set<Digest> digests) {
      EnumSet<Digest> copy = EnumSet.noneOf(Digest.class);
      for (Digest digest : digests) {
        copy.add(Objects.requireNonNull(digest, "digest"));
      }
      this.digests = copy;
      return this;
    }

    /** Sets the allowed paddings, replacing the default. */
    public Builder paddings(Padding... paddings) {
      return paddings(Set.of(paddings));
    }

    /** Sets the allowed paddings, replacing the default. */
    public Builder paddings(Set<Padding> paddings) {
      EnumSet<Padding> copy = EnumSet.noneOf(Padding.class);
      for (Padding padding : paddings) {
        copy.add(Objects.requireNonNull(padding, "padding"));
      }
      this.paddings = copy;
      return this;
    }

    /** Sets the first instant at which the key may be used. */
    public Builder activeFrom(@Nullable Instant activeFrom) {
      this.activeFrom = activeFrom;
      return this;
    }

    /** Sets the last instant at which the key may sign or encrypt. */
    public Builder originationEnd(@Nullable Instant originationEnd) {
      this.originationEnd = originationEnd;
      return this;
    }

    /** Sets the last instant at which the key may verify, decrypt or agree. */
    public Builder consumptionEnd(@Nullable Instant consumptionEnd) {
      this.consumptionEnd = consumptionEnd;
      return this;
    }

    /**
     * Limits the number of private-key operations (sign, decrypt, agree). The key is deleted after
     * the last one.
     *
     * @throws IllegalArgumentException if {@code usageLimit < 1}
     */
    public Builder usageLimit(int usageLimit) {
      if (usageLimit < 1) {
        throw new IllegalArgumentException(
            "Invalid usage limit " + usageLimit + ": use a count of at least 1, or set no limit");
      }
      this.usageLimit = usageLimit;
      return this;
    }

    /** Removes the usage limit. */
    public Builder noUsageLimit() {
      this.usageLimit = 0;
      return this;
    }

    /** Sets when the key may be used; the default is {@link Accessibility#WHEN_UNLOCKED}. */
    public Builder accessibility(Accessibility accessibility) {
      this.accessibility = Objects.requireNonNull(accessibility, "accessibility");
      return this;
    }

    /** Sets the user authentication the key needs, or none. */
    public Builder accessControl(@Nullable AccessControl accessControl) {
      this.accessControl = accessControl;
      return this;
    }

    /**
     * Lets one authentication cover every use of the key for {@code seconds}; without it the user
     * authenticates every operation.
     *
     * @throws IllegalArgumentException if {@code seconds < 1}
     */
    public Builder authTimeoutSeconds(int seconds) {
      if (seconds < 1) {
        throw new IllegalArgumentException(
            "Invalid authentication timeout " + seconds + " s: use at least 1 second, or set none"
                + " to authenticate every operation");
      }
      this.authTimeoutSeconds = seconds;
      return this;
    }

    /** Removes the authentication timeout, so the user authenticates every operation. */
    public Builder noAuthTimeout() {
      this.authTimeoutSeconds = 0;
      return this;
    }

    /**
     * Sets the label of the key item.
     *
     * @throws IllegalArgumentException if the label is empty, too long or has control characters
     */
    public Builder label(@Nullable String label) {
      if (label != null) {
        Validation.checkLabel(label);
      }
      this.label = label;
      return this;
    }

    /**
     * Checks the rules that join several fields and builds the parameters.
     *
     * @throws IllegalArgumentException naming the first rule broken and how to fix it
     */
    public KeyParameters build() {
      KeyAlgorithm.Family family = algorithm.family();
      if (purposes.isEmpty()) {
        throw new IllegalArgumentException(
            "Missing purpose for a " + algorithm.cliName() + " key: give at least one of "
                + Names.list(allowedPurposes(family).toArray(new Purpose[0])));
      }
      EnumSet<Purpose> allowed = allowedPurposes(family);
      for (Purpose purpose : purposes) {
        if (!allowed.contains(purpose)) {
          throw new IllegalArgumentException(
              "Purpose " + purpose.cliName() + " is not possible with a " + algorithm.cliName()
                  + " key: use one of " + Names.list(allowed.toArray(new Purpose[0])));
        }
      }
      // As in KeyMint: a key that signs attestations does nothing else, so an attestation it
      // signs cannot be confused with a signature over application data.
      if (purposes.contains(Purpose.ATTEST_KEY) && purposes.size() > 1) {
        throw new IllegalArgumentException(
            "Purpose attest-key cannot be combined with other purposes (" + purposes
                + "): generate a separate key for them");
      }

      EnumSet<Digest> effectiveDigests = digests == null ? defaultDigests(family) : digests;
      checkDigests(family, effectiveDigests);

      EnumSet<Padding> effectivePaddings = effectivePaddings(family);

      checkWindow("origination end", originationEnd);
      checkWindow("consumption end", consumptionEnd);
      if (authTimeoutSeconds != 0 && (accessControl == null || !accessControl.requiresAuthentication())) {
        throw new IllegalArgumentException(
            "Authentication timeout of " + authTimeoutSeconds + " s without an access control"
                + " that needs authentication: add an access control or drop the timeout");
      }
      return new KeyParameters(this, effectiveDigests, effectivePaddings);
    }

    private void checkDigests(KeyAlgorithm.Family family, EnumSet<Digest> effectiveDigests) {
      if (effectiveDigests.isEmpty()) {
        throw new IllegalArgumentException(
            "Empty digest set for a " + algorithm.cliName() + " key: give at least one digest,"
                + " or leave the digests unset to get the default");
      }
      boolean hashless = family == KeyAlgorithm.Family.ED25519 || family == KeyAlgorithm.Family.X25519;
      if (hashless && !effectiveDigests.equals(EnumSet.of(Digest.NONE))) {
        throw new IllegalArgumentException(
            "Invalid digests " + effectiveDigests + " for a " + algorithm.cliName()
                + " key: it hashes internally or not at all, so allow only none");
      }
      if (family == KeyAlgorithm.Family.RSA && effectiveDigests.contains(Digest.NONE)) {
        throw new IllegalArgumentException(
            "Invalid digest none for a " + algorithm.cliName()
                + " key: keychain4j does not sign or decrypt unhashed input with RSA;"
                + " allow sha256, sha384 or sha512");
      }
    }

    private EnumSet<Padding> effectivePaddings(KeyAlgorithm.Family family) {
      if (family != KeyAlgorithm.Family.RSA) {
        if (paddings != null && !paddings.isEmpty() && !paddings.equals(EnumSet.of(Padding.NONE))) {
          throw new IllegalArgumentException(
              "Invalid paddings " + paddings + " for a " + algorithm.cliName()
                  + " key: paddings apply only to RSA keys, so give none");
        }
        return EnumSet.noneOf(Padding.class);
      }

      boolean signs =
          purposes.contains(Purpose.SIGN)
              || purposes.contains(Purpose.VERIFY)
              || purposes.contains(Purpose.ATTEST_KEY);
      boolean encrypts = purposes.contains(Purpose.ENCRYPT) || purposes.contains(Purpose.DECRYPT);
      if (paddings == null) {
        EnumSet<Padding> defaults = EnumSet.noneOf(Padding.class);
        if (signs) {
          defaults.add(Padding.RSA_PKCS1);
          defaults.add(Padding.RSA_PSS);
        }
        if (encrypts) {
          defaults.add(Padding.RSA_OAEP);
        }
        return defaults;
      }

      if (paddings.contains(Padding.NONE)) {
        throw new IllegalArgumentException(
            "Invalid padding none for a " + algorithm.cliName()
                + " key: raw RSA is not offered; allow pkcs1, pss or oaep");
      }
      for (Padding padding : paddings) {
        boolean signature = padding == Padding.RSA_PKCS1 || padding == Padding.RSA_PSS;
        if (signature && !signs) {
          throw new IllegalArgumentException(
              "Padding " + padding.cliName() + " is a signature padding but the key has no sign,"
                  + " verify or attest-key purpose: add the purpose or drop the padding");
        }
        if (padding == Padding.RSA_OAEP && !encrypts) {
          throw new IllegalArgumentException(
              "Padding oaep is an encryption padding but the key has no encrypt or decrypt"
                  + " purpose: add the purpose or drop the padding");
        }
      }
      if (signs && !paddings.contains(Padding.RSA_PKCS1) && !paddings.contains(Padding.RSA_PSS)) {
        throw new IllegalArgumentException(
            "Missing signature padding for an RSA key with a sign, verify or attest-key purpose:"
                + " allow pkcs1 or pss");
      }
      if (encrypts && !paddings.contains(Padding.RSA_OAEP)) {
        throw new IllegalArgumentException(
            "Missing padding oaep for an RSA key with an encrypt or decrypt purpose: allow oaep");
      }
      return EnumSet.copyOf(paddings);
    }

    private void checkWindow(String name, @Nullable Instant end) {
      if (activeFrom != null && end != null && end.isBefore(activeFrom)) {
        throw new IllegalArgumentException(
            "Invalid " + name + " " + end + ": it is before active-from " + activeFrom
                + ", so the key could never be used; move one of them");
      }
    }

    private static EnumSet<Purpose> allowedPurposes(KeyAlgorithm.Family family) {
      switch (family) {
        case EC:
          return EnumSet.of(Purpose.SIGN, Purpose.VERIFY, Purpose.AGREE_KEY, Purpose.ATTEST_KEY);
        case ED25519:
          return EnumSet.of(Purpose.SIGN, Purpose.VERIFY);
        case X25519:
          return EnumSet.of(Purpose.AGREE_KEY);
        case RSA:
          return EnumSet.of(
              Purpose.SIGN, Purpose.VERIFY, Purpose.ENCRYPT, Purpose.DECRYPT, Purpose.ATTEST_KEY);
        default:
          throw new IllegalStateException("Unhandled key family " + family);
      }
    }

    private static EnumSet<Digest> defaultDigests(KeyAlgorithm.Family family) {
      if (family == KeyAlgorithm.Family.ED25519 || family == KeyAlgorithm.Family.X25519) {
        return EnumSet.of(Digest.NONE);
      }
      return EnumSet.of(Digest.SHA256, Digest.SHA384, Digest.SHA512);
    }
  }
}
