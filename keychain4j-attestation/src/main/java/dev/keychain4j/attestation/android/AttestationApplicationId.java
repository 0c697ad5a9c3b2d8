package dev.keychain4j.attestation.android;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The app that created the key: its package names and versions, and its signing digests. */
public final class AttestationApplicationId {

  /** One package of the app's UID. */
  public record PackageInfo(String name, long version) {
    public PackageInfo {
      Objects.requireNonNull(name, "name");
    }
  }

  private final List<PackageInfo> packages;
  private final List<byte[]> signatureDigests;

  public AttestationApplicationId(List<PackageInfo> packages, List<byte[]> signatureDigests) {
    this.packages = List.copyOf(packages);
    List<byte[]> copies = new ArrayList<>();
    for (byte[] digest : signatureDigests) {
      copies.add(digest.clone());
    }
    this.signatureDigests = copies;
  }

  /** Returns the packages, in the order the device encoded them. */
  public List<PackageInfo> packages() {
    return packages;
  }

  /** SHA-256 digests of the app's signing certificates, in the order the device encoded them. */
  public List<byte[]> signatureDigests() {
    List<byte[]> copies = new ArrayList<>();
    for (byte[] digest : signatureDigests) {
      copies.add(digest.clone());
    }
    return copies;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (!(other instanceof AttestationApplicationId)) {
      return false;
    }
    AttestationApplicationId that = (AttestationApplicationId) other;
    if (!packages.equals(that.packages)
        || signatureDigests.size() != that.signatureDigests.size()) {
      return false;
    }
    for (int i = 0; i < signatureDigests.size(); i++) {
      if (!Arrays.equals(signatureDigests.get(i), that.signatureDigests.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int hash = packages.hashCode();
    for (byte[] digest : signatureDigests) {
      hash = 31 * hash + Arrays.hashCode(digest);
    }
    return hash;
  }

  @Override
  public String toString() {
    return "AttestationApplicationId[packages="
        + packages
        + ", signatureDigests="
        + signatureDigests.size()
        + "]";
  }
}
