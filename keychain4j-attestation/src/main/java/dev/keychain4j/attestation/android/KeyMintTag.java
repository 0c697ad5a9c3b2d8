package dev.keychain4j.attestation.android;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Authorization tags that an attestation's authorization lists can carry, with their ASN.1 value
 * type and the field name used in the JSON document.
 *
 * <p>Tag numbers follow the KeyMint {@code Tag} definition (the type bits are stripped, as in the
 * KeyDescription schema). Tags not listed here, such as Keymaster's allApplications (600), are kept
 * as raw entries and reported as unknown.
 */
public enum KeyMintTag {
  PURPOSE(1, "purposes", ValueType.INTEGER_SET),
  ALGORITHM(2, "algorithms", ValueType.INTEGER),
  KEY_SIZE(3, "keySize", ValueType.INTEGER),
  BLOCK_MODE(4, "blockModes", ValueType.INTEGER_SET),
  DIGEST(5, "digests", ValueType.INTEGER_SET),
  PADDING(6, "paddings", ValueType.INTEGER_SET),
  CALLER_NONCE(7, "callerNonce", ValueType.FLAG),
  MIN_MAC_LENGTH(8, "minMacLength", ValueType.INTEGER),
  EC_CURVE(10, "ecCurve", ValueType.INTEGER),
  ML_DSA_VARIANT(11, "mlDsaVariant", ValueType.INTEGER),
  RSA_PUBLIC_EXPONENT(200, "rsaPublicExponent", ValueType.INTEGER),
  RSA_OAEP_MGF_DIGEST(203, "rsaOaepMgfDigests", ValueType.INTEGER_SET),
  ROLLBACK_RESISTANCE(303, "rollbackResistance", ValueType.FLAG),
  EARLY_BOOT_ONLY(305, "earlyBootOnly", ValueType.FLAG),
  ACTIVE_DATETIME(400, "activeDateTime", ValueType.INTEGER),
  ORIGINATION_EXPIRE_DATETIME(401, "originationExpireDateTime", ValueType.INTEGER),
  USAGE_EXPIRE_DATETIME(402, "usageExpireDateTime", ValueType.INTEGER),
  MAX_USES_PER_BOOT(404, "maxUsesPerBoot", ValueType.INTEGER),
  USAGE_COUNT_LIMIT(405, "usageCountLimit", ValueType.INTEGER),
  NO_AUTH_REQUIRED(503, "noAuthRequired", ValueType.FLAG),
  USER_AUTH_TYPE(504, "userAuthType", ValueType.INTEGER),
  AUTH_TIMEOUT(505, "authTimeout", ValueType.INTEGER),
  ALLOW_WHILE_ON_BODY(506, "allowWhileOnBody", ValueType.FLAG),
  TRUSTED_USER_PRESENCE_REQUIRED(507, "trustedUserPresenceRequired", ValueType.FLAG),
  TRUSTED_CONFIRMATION_REQUIRED(508, "trustedConfirmationRequired", ValueType.FLAG),
  UNLOCKED_DEVICE_REQUIRED(509, "unlockedDeviceRequired", ValueType.FLAG),
  CREATION_DATETIME(701, "creationDateTime", ValueType.INTEGER),
  ORIGIN(702, "origin", ValueType.INTEGER),
  ROLLBACK_RESISTANT(703, "rollbackResistant", ValueType.FLAG),
  ROOT_OF_TRUST(704, "rootOfTrust", ValueType.ROOT_OF_TRUST),
  OS_VERSION(705, "osVersion", ValueType.INTEGER),
  OS_PATCH_LEVEL(706, "osPatchLevel", ValueType.PATCH_LEVEL),
  ATTESTATION_APPLICATION_ID(709, "attestationApplicationId", ValueType.APPLICATION_ID),
  ATTESTATION_ID_BRAND(710, "attestationIdBrand", ValueType.TEXT),
  ATTESTATION_ID_DEVICE(711, "attestationIdDevice", ValueType.TEXT),
  ATTESTATION_ID_PRODUCT(712, "attestationIdProduct", ValueType.TEXT),
  ATTESTATION_ID_SERIAL(713, "attestationIdSerial", ValueType.TEXT),
  ATTESTATION_ID_IMEI(714, "attestationIdImei", ValueType.TEXT),
  ATTESTATION_ID_MEID(715, "attestationIdMeid", ValueType.TEXT),
  ATTESTATION_ID_MANUFACTURER(716, "attestationIdManufacturer", ValueType.TEXT),
  ATTESTATION_ID_MODEL(717, "attestationIdModel", ValueType.TEXT),
  VENDOR_PATCH_LEVEL(718, "vendorPatchLevel", ValueType.PATCH_LEVEL),
  BOOT_PATCH_LEVEL(719, "bootPatchLevel", ValueType.PATCH_LEVEL),
  DEVICE_UNIQUE_ATTESTATION(720, "deviceUniqueAttestation", ValueType.FLAG),
  IDENTITY_CREDENTIAL_KEY(721, "identityCredentialKey", ValueType.FLAG),
  ATTESTATION_ID_SECOND_IMEI(723, "attestationIdSecondImei", ValueType.TEXT),
  MODULE_HASH(724, "moduleHash", ValueType.BYTES);

  /** The ASN.1 shape of a tag's value inside its EXPLICIT context tag. */
  public enum ValueType {
    /** SET OF INTEGER. */
    INTEGER_SET,
    /** INTEGER. */
    INTEGER,
    /** NULL: the tag's presence means true. */
    FLAG,
    /** OCTET STRING holding UTF-8 text. */
    TEXT,
    /** OCTET STRING holding bytes. */
    BYTES,
    /** INTEGER of the form yyyyMM or yyyyMMdd. */
    PATCH_LEVEL,
    /** The RootOfTrust SEQUENCE. */
    ROOT_OF_TRUST,
    /** OCTET STRING holding the DER of AttestationApplicationId. */
    APPLICATION_ID
  }

  private static final Map<Integer, KeyMintTag> BY_NUMBER;

  static {
    Map<Integer, KeyMintTag> byNumber = new HashMap<>();
    for (KeyMintTag tag : values()) {
      byNumber.put(tag.number, tag);
    }
    BY_NUMBER = Collections.unmodifiableMap(byNumber);
  }

  private final int number;
  private final String jsonName;
  private final ValueType valueType;

  KeyMintTag(int number, String jsonName, ValueType valueType) {
    this.number = number;
    this.jsonName = jsonName;
    this.valueType = valueType;
  }

  /** Returns the tag number without KeyMint's type bits, as used for the ASN.1 context tag. */
  public int number() {
    return number;
  }

  /** Returns the field name in the JSON document. */
  public String jsonName() {
    return jsonName;
  }

  public ValueType valueType() {
    return valueType;
  }

  /** Returns the tag with this number, or empty when the number is not a known tag. */
  public static Optional<KeyMintTag> fromNumber(int number) {
    return Optional.ofNullable(BY_NUMBER.get(number));
  }
}
