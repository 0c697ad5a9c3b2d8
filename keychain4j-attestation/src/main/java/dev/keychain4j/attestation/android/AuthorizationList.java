package dev.keychain4j.attestation.android;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One authorization list of a KeyDescription: the tags that the software ({@code softwareEnforced})
 * or the secure environment ({@code hardwareEnforced}) enforces.
 *
 * <p>Generic accessors take a {@link KeyMintTag}; the named ones cover the tags verifiers check
 * most. Values keep the order and form the device encoded them in.
 */
public final class AuthorizationList {
  private final Map<KeyMintTag, Object> values;
  private final Map<Integer, byte[]> unknownTags;

  AuthorizationList(Map<KeyMintTag, Object> values, Map<Integer, byte[]> unknownTags) {
    EnumMap<KeyMintTag, Object> copy = new EnumMap<>(KeyMintTag.class);
    for (Map.Entry<KeyMintTag, Object> entry : values.entrySet()) {
      Object value = entry.getValue();
      if (value instanceof Set) {
        value = Collections.unmodifiableSet(new LinkedHashSet<>((Set<?>) value));
      } else if (value instanceof byte[]) {
        value = ((byte[]) value).clone();
      }
      copy.put(entry.getKey(), value);
    }
    this.values = copy;
    TreeMap<Integer, byte[]> unknownCopy = new TreeMap<>();
    unknownTags.forEach((tag, raw) -> unknownCopy.put(tag, raw.clone()));
    this.unknownTags = unknownCopy;
  }

  /** Returns true when the list carries the tag with a valid value. */
  public boolean contains(KeyMintTag tag) {
    return values.containsKey(tag);
  }

  /** Returns the tags present with a valid value, in ascending tag order. */
  public Set<KeyMintTag> tags() {
    return Collections.unmodifiableSet(values.keySet());
  }

  /** Returns the values of a SET OF INTEGER tag, empty when the tag is absent. */
  public Set<Integer> integerSet(KeyMintTag tag) {
    requireType(tag, KeyMintTag.ValueType.INTEGER_SET);
    Object value = values.get(tag);
    if (value == null) {
      return Set.of();
    }
    @SuppressWarnings("unchecked") // only the parser stores values, and it stores Set<Integer> here
    Set<Integer> set = (Set<Integer>) value;
    return set;
  }

  /** Returns the value of an INTEGER or patch-level tag. */
  public OptionalLong integer(KeyMintTag tag) {
    if (tag.valueType() != KeyMintTag.ValueType.INTEGER
        && tag.valueType() != KeyMintTag.ValueType.PATCH_LEVEL) {
      throw new IllegalArgumentException(tag + " is not an INTEGER tag");
    }
    Object value = values.get(tag);
    return value == null ? OptionalLong.empty() : OptionalLong.of(((Number) value).longValue());
  }

  /** Returns true when a NULL-typed tag (a boolean flag) is present. */
  public boolean flag(KeyMintTag tag) {
    requireType(tag, KeyMintTag.ValueType.FLAG);
    return values.containsKey(tag);
  }

  /** Returns the bytes of an OCTET STRING tag (text or binary). */
  public Optional<byte[]> bytes(KeyMintTag tag) {
    if (tag.valueType() != KeyMintTag.ValueType.TEXT
        && tag.valueType() != KeyMintTag.ValueType.BYTES) {
      throw new IllegalArgumentException(tag + " is not an OCTET STRING tag");
    }
    Object value = values.get(tag);
    return value == null ? Optional.empty() : Optional.of(((byte[]) value).clone());
  }

  /** Returns the text of a device ID tag, decoded as UTF-8. */
  public Optional<String> text(KeyMintTag tag) {
    requireType(tag, KeyMintTag.ValueType.TEXT);
    Object value = values.get(tag);
    return value == null
        ? Optional.empty()
        : Optional.of(new String((byte[]) value, StandardCharsets.UTF_8));
  }

  public Set<Integer> purposes() {
    return integerSet(KeyMintTag.PURPOSE);
  }

  public OptionalInt algorithm() {
    return asInt(KeyMintTag.ALGORITHM);
  }

  public OptionalInt keySize() {
    return asInt(KeyMintTag.KEY_SIZE);
  }

  public OptionalInt ecCurve() {
    return asInt(KeyMintTag.EC_CURVE);
  }

  /**
   * Returns the key origin: 0 generated, 1 derived, 2 imported, 3 reserved, 4 securely imported.
   */
  public OptionalInt origin() {
    return asInt(KeyMintTag.ORIGIN);
  }

  /** The Android version as MMmmpp (for example 140000 for Android 14). */
  public OptionalInt osVersion() {
    return asInt(KeyMintTag.OS_VERSION);
  }

  /** Returns the OS patch level as yyyyMM, empty when the device sent an invalid value. */
  public OptionalInt osPatchLevel() {
    return asInt(KeyMintTag.OS_PATCH_LEVEL);
  }

  /** Returns the vendor patch level as yyyyMMdd or yyyyMM. */
  public OptionalInt vendorPatchLevel() {
    return asInt(KeyMintTag.VENDOR_PATCH_LEVEL);
  }

  /** Returns the boot patch level as yyyyMMdd or yyyyMM. */
  public OptionalInt bootPatchLevel() {
    return asInt(KeyMintTag.BOOT_PATCH_LEVEL);
  }

  public Optional<Instant> creationDateTime() {
    OptionalLong millis = integer(KeyMintTag.CREATION_DATETIME);
    return millis.isPresent()
        ? Optional.of(Instant.ofEpochMilli(millis.getAsLong()))
        : Optional.empty();
  }

  public Optional<RootOfTrust> rootOfTrust() {
    return Optional.ofNullable((RootOfTrust) values.get(KeyMintTag.ROOT_OF_TRUST));
  }

  public Optional<AttestationApplicationId> attestationApplicationId() {
    return Optional.ofNullable(
        (AttestationApplicationId) values.get(KeyMintTag.ATTESTATION_APPLICATION_ID));
  }

  /** Tags this library does not know, keyed by tag number, with the raw DER of each value. */
  public Map<Integer, byte[]> unknownTags() {
    TreeMap<Integer, byte[]> copy = new TreeMap<>();
    unknownTags.forEach((tag, raw) -> copy.put(tag, raw.clone()));
    return Collections.unmodifiableMap(copy);
  }

  private OptionalInt asInt(KeyMintTag tag) {
    OptionalLong value = integer(tag);
    if (value.isEmpty()) {
      return OptionalInt.empty();
    }
    long raw = value.getAsLong();
    // Values that do not fit an int are not valid for these tags; the generic accessor keeps them.
    return raw == (int) raw ? OptionalInt.of((int) raw) : OptionalInt.empty();
  }

  private static void requireType(KeyMintTag tag, KeyMintTag.ValueType type) {
    if (tag.valueType() != type) {
      throw new IllegalArgumentException(tag + " has type " + tag.valueType() + ", not " + type);
    }
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (!(other instanceof AuthorizationList)) {
      return false;
    }
    AuthorizationList that = (AuthorizationList) other;
    if (!values.keySet().equals(that.values.keySet())
        || !unknownTags.keySet().equals(that.unknownTags.keySet())) {
      return false;
    }
    for (Map.Entry<KeyMintTag, Object> entry : values.entrySet()) {
      if (!Objects.deepEquals(entry.getValue(), that.values.get(entry.getKey()))) {
        return false;
      }
    }
    for (Map.Entry<Integer, byte[]> entry : unknownTags.entrySet()) {
      if (!Arrays.equals(entry.getValue(), that.unknownTags.get(entry.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return values.keySet().hashCode() * 31 + unknownTags.keySet().hashCode();
  }

  @Override
  public String toString() {
    String unknown = unknownTags.isEmpty() ? "" : " unknown " + unknownTags.keySet();
    return "AuthorizationList" + values.keySet() + unknown;
  }
}
