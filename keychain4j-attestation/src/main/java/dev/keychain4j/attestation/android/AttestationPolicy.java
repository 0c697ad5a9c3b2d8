package dev.keychain4j.attestation.android;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks on the attested key and device that the caller chooses. The default requires at least a
 * TEE and checks nothing else.
 *
 * <p>Boot state, versions and patch levels are read from the hardware-enforced list only. The
 * application ID is read from the software-enforced list, where Keystore places it.
 */
public final class AttestationPolicy {
  private final SecurityLevel minSecurityLevel;
  private final boolean requireLockedAndVerifiedBoot;
  private final @Nullable Integer minOsVersion;
  private final @Nullable YearMonth minOsPatchLevel;
  private final @Nullable LocalDate minVendorPatchLevel;
  private final @Nullable LocalDate minBootPatchLevel;
  private final Set<String> allowedPackageNames;
  private final Set<String> allowedSigningDigestsHex;

  private AttestationPolicy(Builder builder) {
    this.minSecurityLevel = builder.minSecurityLevel;
    this.requireLockedAndVerifiedBoot = builder.requireLockedAndVerifiedBoot;
    this.minOsVersion = builder.minOsVersion;
    this.minOsPatchLevel = builder.minOsPatchLevel;
    this.minVendorPatchLevel = builder.minVendorPatchLevel;
    this.minBootPatchLevel = builder.minBootPatchLevel;
    this.allowedPackageNames = Set.copyOf(builder.allowedPackageNames);
    this.allowedSigningDigestsHex = Set.copyOf(builder.allowedSigningDigestsHex);
  }

  /** Returns the default policy, which requires a TEE or StrongBox and checks nothing else. */
  public static AttestationPolicy defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public SecurityLevel minSecurityLevel() {
    return minSecurityLevel;
  }

  public boolean requiresLockedAndVerifiedBoot() {
    return requireLockedAndVerifiedBoot;
  }

  /** Returns the first rule the key description breaks, or null when it passes. */
  @Nullable Rejection check(KeyDescription description, SecurityLevel effectiveLevel) {
    AuthorizationList hardware = description.hardwareEnforced();
    if (!effectiveLevel.isAtLeast(minSecurityLevel)) {
      return new Rejection(
          ReasonCode.SECURITY_LEVEL_TOO_LOW,
          "security level " + effectiveLevel + " is below the minimum " + minSecurityLevel);
    }

    if (requireLockedAndVerifiedBoot) {
      RootOfTrust root = hardware.rootOfTrust().orElse(null);
      if (root == null) {
        return new Rejection(
            ReasonCode.ROOT_OF_TRUST_MISSING, "hardwareEnforced has no rootOfTrust (tag 704)");
      }
      if (!root.deviceLocked()) {
        return new Rejection(ReasonCode.BOOTLOADER_UNLOCKED, "rootOfTrust.deviceLocked is false");
      }
      if (root.verifiedBootState() != VerifiedBootState.VERIFIED) {
        return new Rejection(
            ReasonCode.VERIFIED_BOOT_NOT_VERIFIED,
            "rootOfTrust.verifiedBootState is " + root.verifiedBootState() + ", not VERIFIED");
      }
    }

    if (minOsVersion != null && hardware.osVersion().orElse(Integer.MIN_VALUE) < minOsVersion) {
      return new Rejection(
          ReasonCode.OS_VERSION_TOO_LOW,
          "hardwareEnforced.osVersion "
              + describe(hardware, KeyMintTag.OS_VERSION)
              + " is below "
              + minOsVersion);
    }
    Rejection patch =
        checkPatch(
            hardware,
            KeyMintTag.OS_PATCH_LEVEL,
            minOsPatchLevel == null
                ? null
                : minOsPatchLevel.getYear() * 10_000 + minOsPatchLevel.getMonthValue() * 100);
    if (patch == null) {
      patch = checkPatch(hardware, KeyMintTag.VENDOR_PATCH_LEVEL, asNumber(minVendorPatchLevel));
    }
    if (patch == null) {
      patch = checkPatch(hardware, KeyMintTag.BOOT_PATCH_LEVEL, asNumber(minBootPatchLevel));
    }
    if (patch != null) {
      return patch;
    }

    return checkApplication(description);
  }

  private @Nullable Rejection checkApplication(KeyDescription description) {
    if (allowedPackageNames.isEmpty() && allowedSigningDigestsHex.isEmpty()) {
      return null;
    }
    AttestationApplicationId id =
        description
            .softwareEnforced()
            .attestationApplicationId()
            .or(() -> description.hardwareEnforced().attestationApplicationId())
            .orElse(null);
    if (id == null) {
      return new Rejection(
          ReasonCode.APPLICATION_ID_MISSING, "no attestationApplicationId (tag 709)");
    }
    if (!allowedPackageNames.isEmpty()
        && id.packages().stream().noneMatch(p -> allowedPackageNames.contains(p.name()))) {
      return new Rejection(
          ReasonCode.PACKAGE_NOT_ALLOWED,
          "none of the packages "
              + id.packages().stream().map(AttestationApplicationId.PackageInfo::name).toList()
              + " is allowed");
    }
    if (!allowedSigningDigestsHex.isEmpty()
        && id.signatureDigests().stream()
            .noneMatch(d -> allowedSigningDigestsHex.contains(HexFormat.of().formatHex(d)))) {
      return new Rejection(
          ReasonCode.SIGNING_DIGEST_NOT_ALLOWED, "no signing-certificate digest is allowed");
    }
    return null;
  }

  private static @Nullable Rejection checkPatch(
      AuthorizationList hardware, KeyMintTag tag, @Nullable Integer minimum) {
    if (minimum == null) {
      return null;
    }
    long value = hardware.integer(tag).orElse(-1);
    // yyyyMM values compare as yyyyMM00, before every day of that month.
    long normalized = value >= 100_000 && value <= 999_999 ? value * 100 : value;
    if (normalized < minimum) {
      return new Rejection(
          ReasonCode.PATCH_LEVEL_TOO_LOW,
          "hardwareEnforced."
              + tag.jsonName()
              + " "
              + describe(hardware, tag)
              + " is below "
              + minimum);
    }
    return null;
  }

  private static @Nullable Integer asNumber(@Nullable LocalDate date) {
    return date == null
        ? null
        : date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
  }

  private static String describe(AuthorizationList list, KeyMintTag tag) {
    return list.integer(tag).isPresent()
        ? String.valueOf(list.integer(tag).getAsLong())
        : "(missing)";
  }

  /** A failed rule: its reason code and a sentence naming the value. */
  record Rejection(ReasonCode reason, String rule) {}

  /** Builds a policy; each setter checks its argument. */
  public static final class Builder {
    private SecurityLevel minSecurityLevel = SecurityLevel.TRUSTED_ENVIRONMENT;
    private boolean requireLockedAndVerifiedBoot;
    private @Nullable Integer minOsVersion;
    private @Nullable YearMonth minOsPatchLevel;
    private @Nullable LocalDate minVendorPatchLevel;
    private @Nullable LocalDate minBootPatchLevel;
    private final Set<String> allowedPackageNames = new HashSet<>();
    private final Set<String> allowedSigningDigestsHex = new HashSet<>();

    private Builder() {}

    /**
     * Sets the lowest accepted security level. Chains that end at a software root count as {@link
     * SecurityLevel#SOFTWARE} whatever their KeyDescription claims.
     */
    public Builder minSecurityLevel(SecurityLevel level) {
      this.minSecurityLevel = Objects.requireNonNull(level, "level");
      return this;
    }

    /** Requires a locked bootloader and verified boot state VERIFIED. */
    public Builder requireLockedBootloaderAndVerifiedBoot() {
      this.requireLockedAndVerifiedBoot = true;
      return this;
    }

    /** Sets the lowest accepted OS version in KeyMint's MMmmpp form (140000 is Android 14). */
    public Builder minOsVersion(int version) {
      if (version < 0) {
        throw new IllegalArgumentException("minOsVersion must be 0 or more, got " + version);
      }
      this.minOsVersion = version;
      return this;
    }

    public Builder minOsPatchLevel(YearMonth level) {
      this.minOsPatchLevel = Objects.requireNonNull(level, "level");
      return this;
    }

    public Builder minVendorPatchLevel(LocalDate level) {
      this.minVendorPatchLevel = Objects.requireNonNull(level, "level");
      return this;
    }

    public Builder minBootPatchLevel(LocalDate level) {
      this.minBootPatchLevel = Objects.requireNonNull(level, "level");
      return this;
    }

    /** Accepts an attestation when at least one of its packages has one of these names. */
    public Builder allowedPackageNames(Set<String> names) {
      for (String name : names) {
        if (name.isBlank()) {
          throw new IllegalArgumentException("package names must not be blank");
        }
      }
      allowedPackageNames.addAll(names);
      return this;
    }

    /**
     * Accepts an attestation when at least one of its signing-certificate digests (SHA-256, 32
     * bytes) is one of these.
     */
    public Builder allowedSigningDigests(Set<byte[]> digests) {
      for (byte[] digest : digests) {
        if (digest.length != 32) {
          throw new IllegalArgumentException(
              "signing digests are SHA-256 (32 bytes), got " + digest.length + " bytes");
        }
        allowedSigningDigestsHex.add(HexFormat.of().formatHex(digest));
      }
      return this;
    }

    public AttestationPolicy build() {
      return new AttestationPolicy(this);
    }
  }
}
