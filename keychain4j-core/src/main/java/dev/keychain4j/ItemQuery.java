package dev.keychain4j;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A filter for {@link Keychain#query}: every field given must match exactly. */
public final class ItemQuery {
  private static final ItemQuery ALL = new ItemQuery(new Builder());

  private final @Nullable ItemClass itemClass;
  private final @Nullable String tag;
  private final @Nullable String label;
  private final @Nullable KeyAlgorithm algorithm;

  private ItemQuery(Builder builder) {
    this.itemClass = builder.itemClass;
    this.tag = builder.tag;
    this.label = builder.label;
    this.algorithm = builder.algorithm;
  }

  /** Returns the query that matches every item. */
  public static ItemQuery all() {
    return ALL;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<ItemClass> itemClass() {
    return Optional.ofNullable(itemClass);
  }

  public Optional<String> tag() {
    return Optional.ofNullable(tag);
  }

  public Optional<String> label() {
    return Optional.ofNullable(label);
  }

  public Optional<KeyAlgorithm> algorithm() {
    return Optional.ofNullable(algorithm);
  }

  @Override
  public String toString() {
    return "ItemQuery{class=" + itemClass + ", tag=" + tag + ", label=" + label + ", algorithm="
        + algorithm + "}";
  }

  /** A builder; fields left unset match anything. */
  public static final class Builder {
    private @Nullable ItemClass itemClass;
    private @Nullable String tag;
    private @Nullable String label;
    private @Nullable KeyAlgorithm algorithm;

    private Builder() {}

    public Builder itemClass(@Nullable ItemClass itemClass) {
      this.itemClass = itemClass;
      return this;
    }

    public Builder tag(@Nullable String tag) {
      this.tag = tag;
      return this;
    }

    public Builder label(@Nullable String label) {
      this.label = label;
      return this;
    }

    public Builder algorithm(@Nullable KeyAlgorithm algorithm) {
      this.algorithm = algorithm;
      return this;
    }

    public ItemQuery build() {
      return new ItemQuery(this);
    }
  }
}
