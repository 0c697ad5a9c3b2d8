package dev.keychain4j.pkcs11;

import java.util.Map;

/** PKCS#11 constants (values from the PKCS#11 2.40 and 3.0 headers) and their names. */
final class Ck {
  private Ck() {}

  static final long CKO_CERTIFICATE = 1;
  static final long CKO_PUBLIC_KEY = 2;
  static final long CKO_PRIVATE_KEY = 3;
  static final long CKO_SECRET_KEY = 4;

  static final long CKA_CLASS = 0x0;
  static final long CKA_TOKEN = 0x1;
  static final long CKA_PRIVATE = 0x2;
  static final long CKA_LABEL = 0x3;
  static final long CKA_VALUE = 0x11;
  static final long CKA_KEY_TYPE = 0x100;
  static final long CKA_ID = 0x102;
  static final long CKA_SENSITIVE = 0x103;
  static final long CKA_ENCRYPT = 0x104;
  static final long CKA_DECRYPT = 0x105;
  static final long CKA_WRAP = 0x106;
  static final long CKA_UNWRAP = 0x107;
  static final long CKA_SIGN = 0x108;
  static final long CKA_SIGN_RECOVER = 0x109;
  static final long CKA_VERIFY = 0x10A;
  static final long CKA_VERIFY_RECOVER = 0x10B;
  static final long CKA_DERIVE = 0x10C;
  static final long CKA_MODULUS = 0x120;
  static final long CKA_MODULUS_BITS = 0x121;
  static final long CKA_PUBLIC_EXPONENT = 0x122;
  static final long CKA_VALUE_LEN = 0x161;
  static final long CKA_EXTRACTABLE = 0x162;
  static final long CKA_LOCAL = 0x163;
  static final long CKA_NEVER_EXTRACTABLE = 0x164;
  static final long CKA_ALWAYS_SENSITIVE = 0x165;
  static final long CKA_EC_PARAMS = 0x180;
  static final long CKA_EC_POINT = 0x181;
  static final long CKA_ALWAYS_AUTHENTICATE = 0x202;

  static final long CKK_RSA = 0x0;
  static final long CKK_EC = 0x3;
  static final long CKK_GENERIC_SECRET = 0x10;
  static final long CKK_AES = 0x1F;
  static final long CKK_EC_EDWARDS = 0x40;

  static final long CKM_RSA_PKCS_KEY_PAIR_GEN = 0x0;
  static final long CKM_RSA_PKCS = 0x1;
  static final long CKM_RSA_X_509 = 0x3;
  static final long CKM_RSA_PKCS_OAEP = 0x9;
  static final long CKM_RSA_PKCS_PSS = 0xD;
  static final long CKM_SHA256_RSA_PKCS = 0x40;
  static final long CKM_SHA384_RSA_PKCS = 0x41;
  static final long CKM_SHA512_RSA_PKCS = 0x42;
  static final long CKM_SHA256_RSA_PKCS_PSS = 0x43;
  static final long CKM_SHA384_RSA_PKCS_PSS = 0x44;
  static final long CKM_SHA512_RSA_PKCS_PSS = 0x45;
  static final long CKM_SHA256 = 0x250;
  static final long CKM_SHA256_HMAC = 0x251;
  static final long CKM_SHA384 = 0x260;
  static final long CKM_SHA512 = 0x270;
  static final long CKM_GENERIC_SECRET_KEY_GEN = 0x350;
  static final long CKM_EC_KEY_PAIR_GEN = 0x1040;
  static final long CKM_ECDSA = 0x1041;
  static final long CKM_ECDH1_DERIVE = 0x1050;
  static final long CKM_EC_EDWARDS_KEY_PAIR_GEN = 0x1055;
  static final long CKM_EDDSA = 0x1057;
  static final long CKM_AES_KEY_GEN = 0x1080;
  static final long CKM_AES_CBC_PAD = 0x1085;

  static final long CKG_MGF1_SHA256 = 0x2;
  static final long CKG_MGF1_SHA384 = 0x3;
  static final long CKG_MGF1_SHA512 = 0x4;
  static final long CKZ_DATA_SPECIFIED = 0x1;
  static final long CKD_NULL = 0x1;

  static final long CKF_HW_SLOT = 0x4;
  static final long CKF_TOKEN_INITIALIZED = 0x400;
  static final long CKF_RW_SESSION = 0x2;
  static final long CKF_SERIAL_SESSION = 0x4;
  static final long CKF_OS_LOCKING_OK = 0x2;
  static final long CKU_USER = 1;

  static final long CKR_OK = 0x0;
  static final long CKR_ARGUMENTS_BAD = 0x7;
  static final long CKR_ATTRIBUTE_SENSITIVE = 0x11;
  static final long CKR_ATTRIBUTE_TYPE_INVALID = 0x12;
  static final long CKR_ENCRYPTED_DATA_INVALID = 0x40;
  static final long CKR_ENCRYPTED_DATA_LEN_RANGE = 0x41;
  static final long CKR_KEY_FUNCTION_NOT_PERMITTED = 0x68;
  static final long CKR_MECHANISM_PARAM_INVALID = 0x71;
  static final long CKR_PIN_INCORRECT = 0xA0;
  static final long CKR_PIN_LEN_RANGE = 0xA2;
  static final long CKR_PIN_LOCKED = 0xA4;
  static final long CKR_USER_ALREADY_LOGGED_IN = 0x100;
  static final long CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191;

  private static final Map<Long, String> ATTRIBUTE_NAMES =
      Map.ofEntries(
          Map.entry(CKA_CLASS, "CKA_CLASS"),
          Map.entry(CKA_TOKEN, "CKA_TOKEN"),
          Map.entry(CKA_PRIVATE, "CKA_PRIVATE"),
          Map.entry(CKA_LABEL, "CKA_LABEL"),
          Map.entry(CKA_VALUE, "CKA_VALUE"),
          Map.entry(CKA_KEY_TYPE, "CKA_KEY_TYPE"),
          Map.entry(CKA_ID, "CKA_ID"),
          Map.entry(CKA_SENSITIVE, "CKA_SENSITIVE"),
          Map.entry(CKA_DECRYPT, "CKA_DECRYPT"),
          Map.entry(CKA_UNWRAP, "CKA_UNWRAP"),
          Map.entry(CKA_SIGN, "CKA_SIGN"),
          Map.entry(CKA_DERIVE, "CKA_DERIVE"),
          Map.entry(CKA_MODULUS, "CKA_MODULUS"),
          Map.entry(CKA_PUBLIC_EXPONENT, "CKA_PUBLIC_EXPONENT"),
          Map.entry(CKA_EXTRACTABLE, "CKA_EXTRACTABLE"),
          Map.entry(CKA_EC_PARAMS, "CKA_EC_PARAMS"),
          Map.entry(CKA_EC_POINT, "CKA_EC_POINT"),
          Map.entry(CKA_ALWAYS_AUTHENTICATE, "CKA_ALWAYS_AUTHENTICATE"));

  private static final Map<Long, String> RESULT_NAMES =
      Map.ofEntries(
          Map.entry(0x3L, "CKR_SLOT_ID_INVALID"),
          Map.entry(0x5L, "CKR_GENERAL_ERROR"),
          Map.entry(0x6L, "CKR_FUNCTION_FAILED"),
          Map.entry(0x7L, "CKR_ARGUMENTS_BAD"),
          Map.entry(CKR_ATTRIBUTE_SENSITIVE, "CKR_ATTRIBUTE_SENSITIVE"),
          Map.entry(CKR_ATTRIBUTE_TYPE_INVALID, "CKR_ATTRIBUTE_TYPE_INVALID"),
          Map.entry(0x13L, "CKR_ATTRIBUTE_VALUE_INVALID"),
          Map.entry(0x21L, "CKR_DATA_LEN_RANGE"),
          Map.entry(0x30L, "CKR_DEVICE_ERROR"),
          Map.entry(CKR_ENCRYPTED_DATA_INVALID, "CKR_ENCRYPTED_DATA_INVALID"),
          Map.entry(CKR_ENCRYPTED_DATA_LEN_RANGE, "CKR_ENCRYPTED_DATA_LEN_RANGE"),
          Map.entry(0x54L, "CKR_FUNCTION_NOT_SUPPORTED"),
          Map.entry(0x60L, "CKR_KEY_HANDLE_INVALID"),
          Map.entry(0x62L, "CKR_KEY_SIZE_RANGE"),
          Map.entry(0x63L, "CKR_KEY_TYPE_INCONSISTENT"),
          Map.entry(CKR_KEY_FUNCTION_NOT_PERMITTED, "CKR_KEY_FUNCTION_NOT_PERMITTED"),
          Map.entry(0x70L, "CKR_MECHANISM_INVALID"),
          Map.entry(0x71L, "CKR_MECHANISM_PARAM_INVALID"),
          Map.entry(0x82L, "CKR_OBJECT_HANDLE_INVALID"),
          Map.entry(CKR_PIN_INCORRECT, "CKR_PIN_INCORRECT"),
          Map.entry(CKR_PIN_LEN_RANGE, "CKR_PIN_LEN_RANGE"),
          Map.entry(CKR_PIN_LOCKED, "CKR_PIN_LOCKED"),
          Map.entry(0xB3L, "CKR_SESSION_HANDLE_INVALID"),
          Map.entry(0xC0L, "CKR_SIGNATURE_INVALID"),
          Map.entry(0xD0L, "CKR_TEMPLATE_INCOMPLETE"),
          Map.entry(0xD1L, "CKR_TEMPLATE_INCONSISTENT"),
          Map.entry(0xE0L, "CKR_TOKEN_NOT_PRESENT"),
          Map.entry(0xE2L, "CKR_TOKEN_WRITE_PROTECTED"),
          Map.entry(CKR_USER_ALREADY_LOGGED_IN, "CKR_USER_ALREADY_LOGGED_IN"),
          Map.entry(0x101L, "CKR_USER_NOT_LOGGED_IN"),
          Map.entry(0x150L, "CKR_BUFFER_TOO_SMALL"),
          Map.entry(0x190L, "CKR_CRYPTOKI_NOT_INITIALIZED"),
          Map.entry(CKR_CRYPTOKI_ALREADY_INITIALIZED, "CKR_CRYPTOKI_ALREADY_INITIALIZED"));

  static String attributeName(long type) {
    String name = ATTRIBUTE_NAMES.get(type);
    return name != null ? name : String.format("attribute 0x%X", type);
  }

  static String resultName(long rv) {
    String name = RESULT_NAMES.get(rv);
    return name != null ? name : String.format("CKR 0x%X", rv);
  }
}
