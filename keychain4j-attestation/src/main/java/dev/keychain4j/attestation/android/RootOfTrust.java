package dev.keychain4j.attestation.android;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The device's boot state as the secure environment saw it when the key was attested. */
public final class RootOfTrust {
  private final byte[] verifiedBootKey;
  private final boolean deviceLocked;
  private final VerifiedBootState verifiedBootState;
  private final byte @Nullable [] verifiedBootHash;

  /**
   * Creates a root of trust.
   *
   * @param verifiedBootKey digest of the key that verified the boot image (may be empty)
   * @param deviceLocked whether the bootloader is locked
   * @param verifiedBootState the verified boot state
   * @param verifiedBootHash digest of the verified boot data, or null before attestation version 3
   */
  public RootOfTrust(
      byte[] verifiedBootKey,
      boolean deviceLocked,
      VerifiedBootState verifiedBootState,
      byte @Nullable [] verifiedBootHash) {
    this.verifiedBootKey = verifiedBootKey.clone();
    this.deviceLocked = deviceLocked;
    this.verifiedBootState = Objects.requireNonNull(verifiedBootState, "verifiedBootState");
    this.verifiedBootHash = verifiedBootHash == null ? null : verifiedBootHash.clone();
  }

  public byte[] verifiedBootKey() {
    return verifiedBootKey.clone();
  }

  public boolean deviceLocked() {
    return deviceLocked;
  }

  public VerifiedBootState verifiedBootState() {
    return verifiedBootState;
  }

  /** Returns the verified boot hash, present from attestation version 3 on. */
  public Optional<byte[]> verifiedBootHash() {
    return verifiedBootHash == null ? Optional.empty() : Optional.of(verifiedBootHash.clone());
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (!(other instanceof RootOfTrust)) {
      return false;
    }
    RootOfTrust that = (RootOfTrust) other;
    return deviceLocked == that.deviceLocked
        && verifiedBootState == that.verifiedBootState
        && Arrays.equals(verifiedBootKey, that.verifiedBootKey)
        && Arrays.equals(verifiedBootHash, that.verifiedBootHash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        deviceLocked,
        verifiedBootState,
        Arrays.hashCode(verifiedBootKey),
        Arrays.hashCode(verifiedBootHash));
  }

  @Override
  public String toString() {
    return "RootOfTrust[deviceLocked="
        + deviceLocked
        + ", verifiedBootState="
        + verifiedBootState
        + "]";
  }
}
