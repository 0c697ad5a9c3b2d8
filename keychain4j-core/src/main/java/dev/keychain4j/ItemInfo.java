package dev.keychain4j;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** One item as a query lists it. */
public final class ItemInfo {
  private final ItemClass itemClass;
  private final String tag;
  private final @Nullable String label;
  private final Instant creationTime;
  private final @Nullable KeyAlgorithm algorithm;

  /** Creates the description; used by the keychain, not by applications. */
  public ItemInfo(
      ItemClass itemClass,
      String tag,
      @Nullable String label,
      Instant creationTime,
      @Nullable KeyAlgorithm algorithm) {
    this.itemClass = Objects.requireNonNull(itemClass, "itemClass");
    this.tag = Objects.requireNonNull(tag, "tag");
    this.label = label;
    this.creationTime = Objects.requireNonNull(creationTime, "creationTime");
    this.algorithm = algorithm;
  }

  public ItemClass itemClass() {
    return itemClass;
  }

  public String tag() {
    return tag;
  }

  public Optional<String> label() {
    return Optional.ofNullable(label);
  }

  public Instant creationTime() {
    return creationTime;
  }

  /** Returns the key algorithm of a key or identity, or of a certificate's public key when known. */
  public Optional<KeyAlgorithm> algorithm() {
    return Optional.ofNullable(algorithm);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (!(other instanceof ItemInfo)) {
      return false;
    }
    ItemInfo that = (ItemInfo) other;
    return itemClass == that.itemClass
        && tag.equals(that.tag)
        && Objects.equals(label, that.label)
        && creationTime.equals(that.creationTime)
        && algorithm == that.algorithm;
  }

  @Override
  public int hashCode() {
    return Objects.hash(itemClass, tag, label, creationTime, algorithm);
  }

  @Override
  public String toString() {
    return "ItemInfo{" + itemClass + " " + tag + (label == null ? "" : " label=" + label)
        + " created=" + creationTime + (algorithm == null ? "" : " " + algorithm.cliName()) + "}";
  }
}
