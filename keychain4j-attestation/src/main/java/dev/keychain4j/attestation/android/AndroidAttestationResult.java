package dev.keychain4j.attestation.android;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keychain4j.attestation.android.internal.KeyDescriptionJson;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of verifying one attestation chain. Immutable.
 *
 * <p>A rejection names its {@link #reason()}, the index of the certificate concerned (0 is the
 * leaf) when there is one, and the rule that failed. Device values come from the hardware-enforced
 * list; they are present whenever the KeyDescription could be parsed, also in rejected results, so
 * callers can log them. Act on them only when the verdict is {@link Verdict#TRUSTED}.
 */
public final class AndroidAttestationResult {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Verdict verdict;
  private final ReasonCode reason;
  private final @Nullable Integer certificateIndex;
  private final @Nullable String failedRule;
  private final RootClass rootClass;
  private final ProvisioningMethod provisioning;
  private final @Nullable KeyDescription keyDescription;
  private final @Nullable SecurityLevel effectiveSecurityLevel;
  private final List<AttestationWarning> warnings;

  AndroidAttestationResult(
      ReasonCode reason,
      @Nullable Integer certificateIndex,
      @Nullable String failedRule,
      RootClass rootClass,
      ProvisioningMethod provisioning,
      @Nullable KeyDescription keyDescription,
      @Nullable SecurityLevel effectiveSecurityLevel,
      List<AttestationWarning> warnings) {
    this.verdict = reason == ReasonCode.OK ? Verdict.TRUSTED : Verdict.REJECTED;
    this.reason = reason;
    this.certificateIndex = certificateIndex;
    this.failedRule = failedRule;
    this.rootClass = rootClass;
    this.provisioning = provisioning;
    this.keyDescription = keyDescription;
    this.effectiveSecurityLevel = effectiveSecurityLevel;
    this.warnings = List.copyOf(warnings);
  }

  public Verdict verdict() {
    return verdict;
  }

  public boolean isTrusted() {
    return verdict == Verdict.TRUSTED;
  }

  /** {@link ReasonCode#OK} when trusted, otherwise the first rule that failed. */
  public ReasonCode reason() {
    return reason;
  }

  /** Returns the index of the certificate a rejection concerns, 0 being the leaf. */
  public OptionalInt certificateIndex() {
    return certificateIndex == null ? OptionalInt.empty() : OptionalInt.of(certificateIndex);
  }

  /** Returns a sentence naming the failed rule and the value that broke it. */
  public Optional<String> failedRule() {
    return Optional.ofNullable(failedRule);
  }

  public RootClass rootClass() {
    return rootClass;
  }

  public ProvisioningMethod provisioning() {
    return provisioning;
  }

  /** Returns the parsed leaf extension with both authorization lists. */
  public Optional<KeyDescription> keyDescription() {
    return Optional.ofNullable(keyDescription);
  }

  public Optional<SecurityLevel> attestationSecurityLevel() {
    return keyDescription().map(KeyDescription::attestationSecurityLevel);
  }

  public Optional<SecurityLevel> keyMintSecurityLevel() {
    return keyDescription().map(KeyDescription::keyMintSecurityLevel);
  }

  /**
   * Returns the attestation security level the chain supports. That is the claimed level for a
   * Google hardware or custom root, and {@link SecurityLevel#SOFTWARE} for a software root.
   */
  public Optional<SecurityLevel> effectiveSecurityLevel() {
    return Optional.ofNullable(effectiveSecurityLevel);
  }

  public Optional<VerifiedBootState> verifiedBootState() {
    return hardwareRootOfTrust().map(RootOfTrust::verifiedBootState);
  }

  /** Returns whether the bootloader is locked, from the hardware-enforced root of trust. */
  public Optional<Boolean> deviceLocked() {
    return hardwareRootOfTrust().map(RootOfTrust::deviceLocked);
  }

  public OptionalInt osVersion() {
    return keyDescription == null
        ? OptionalInt.empty()
        : keyDescription.hardwareEnforced().osVersion();
  }

  public OptionalInt osPatchLevel() {
    return keyDescription == null
        ? OptionalInt.empty()
        : keyDescription.hardwareEnforced().osPatchLevel();
  }

  public OptionalInt vendorPatchLevel() {
    return keyDescription == null
        ? OptionalInt.empty()
        : keyDescription.hardwareEnforced().vendorPatchLevel();
  }

  public OptionalInt bootPatchLevel() {
    return keyDescription == null
        ? OptionalInt.empty()
        : keyDescription.hardwareEnforced().bootPatchLevel();
  }

  /** Returns the app that created the key (Keystore puts it in the software-enforced list). */
  public Optional<AttestationApplicationId> applicationId() {
    if (keyDescription == null) {
      return Optional.empty();
    }
    return keyDescription
        .softwareEnforced()
        .attestationApplicationId()
        .or(() -> keyDescription.hardwareEnforced().attestationApplicationId());
  }

  /** Device IDs attested in the hardware-enforced list (brand, serial, IMEI, ...), by tag. */
  public Map<KeyMintTag, String> deviceIds() {
    Map<KeyMintTag, String> ids = new EnumMap<>(KeyMintTag.class);
    if (keyDescription != null) {
      for (KeyMintTag tag : KeyMintTag.values()) {
        if (tag.valueType() == KeyMintTag.ValueType.TEXT) {
          keyDescription.hardwareEnforced().text(tag).ifPresent(text -> ids.put(tag, text));
        }
      }
    }
    return ids;
  }

  /** Encoding deviations of the KeyDescription and weakened checks, in the order found. */
  public List<AttestationWarning> warnings() {
    return warnings;
  }

  private Optional<RootOfTrust> hardwareRootOfTrust() {
    return keyDescription == null
        ? Optional.empty()
        : keyDescription.hardwareEnforced().rootOfTrust();
  }

  /**
   * Returns the result as a JSON document with {@code verdict}, {@code reason}, {@code
   * certificateIndex} and {@code failedRule} (rejections only), {@code rootClass}, {@code
   * provisioning}, {@code effectiveSecurityLevel}, {@code warnings} and {@code keyDescription}.
   */
  public String toJson() {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("verdict", verdict.name());
    node.put("reason", reason.name());
    if (certificateIndex != null) {
      node.put("certificateIndex", certificateIndex);
    }
    if (failedRule != null) {
      node.put("failedRule", failedRule);
    }
    node.put("rootClass", rootClass.name());
    node.put("provisioning", provisioning.name());
    if (effectiveSecurityLevel != null) {
      node.put("effectiveSecurityLevel", effectiveSecurityLevel.name());
    }
    ArrayNode warningArray = node.putArray("warnings");
    for (AttestationWarning warning : warnings) {
      ObjectNode warningNode = warningArray.addObject();
      warningNode.put("code", warning.code().name());
      warning.tag().ifPresent(tag -> warningNode.put("tag", tag));
      warningNode.put("message", warning.message());
    }
    if (keyDescription != null) {
      node.set("keyDescription", KeyDescriptionJson.toJson(keyDescription));
    }
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serializes", e);
    }
  }

  @Override
  public String toString() {
    return "AndroidAttestationResult["
        + verdict
        + ", "
        + reason
        + (certificateIndex == null ? "" : ", certificate " + certificateIndex)
        + (failedRule == null ? "" : ", " + failedRule)
        + ", "
        + rootClass
        + ", "
        + provisioning
        + "]";
  }
}
