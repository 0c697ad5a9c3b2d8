package dev.keychain4j.attestation.android;

import java.io.IOException;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.jspecify.annotations.Nullable;

/**
 * Decodes a KeyDescription.
 *
 * <p>The schema, from the Android key attestation documentation:
 *
 * <pre>
 * KeyDescription ::= SEQUENCE {
 *   attestationVersion INTEGER, attestationSecurityLevel SecurityLevel,
 *   keyMintVersion INTEGER, keyMintSecurityLevel SecurityLevel,
 *   attestationChallenge OCTET STRING, uniqueId OCTET STRING,
 *   softwareEnforced AuthorizationList, hardwareEnforced AuthorizationList }
 * AuthorizationList ::= SEQUENCE { purpose [1] EXPLICIT SET OF INTEGER OPTIONAL, ... }
 * </pre>
 *
 * Each authorization list field is an EXPLICIT context tag whose number is the KeyMint tag.
 */
final class KeyDescriptionParser {
  private static final int SEQUENCE = 0x10;
  private final List<AttestationWarning> warnings = new ArrayList<>();

  KeyDescription parse(byte[] der) throws KeyDescriptionParseException {
    DerReader outer = new DerReader(der);
    DerReader.Element sequence = outer.next("KeyDescription", null);
    if (!sequence.is(DerReader.CLASS_UNIVERSAL, SEQUENCE) || !sequence.constructed) {
      throw new KeyDescriptionParseException("KeyDescription is not a SEQUENCE", null);
    }
    if (outer.hasMore()) {
      throw new KeyDescriptionParseException("KeyDescription is followed by trailing bytes", null);
    }

    DerReader fields = sequence.contents();
    int attestationVersion = intField(fields, "attestationVersion");
    SecurityLevel attestationSecurityLevel = securityLevel(fields, "attestationSecurityLevel");
    int keyMintVersion = intField(fields, "keyMintVersion");
    SecurityLevel keyMintSecurityLevel = securityLevel(fields, "keyMintSecurityLevel");
    byte[] challenge = octets(fields, "attestationChallenge");
    byte[] uniqueId = octets(fields, "uniqueId");
    AuthorizationList softwareEnforced = authorizationList(fields, "softwareEnforced");
    AuthorizationList hardwareEnforced = authorizationList(fields, "hardwareEnforced");
    if (fields.hasMore()) {
      throw new KeyDescriptionParseException(
          "KeyDescription has bytes after hardwareEnforced", null);
    }

    return new KeyDescription(
        attestationVersion,
        attestationSecurityLevel,
        keyMintVersion,
        keyMintSecurityLevel,
        challenge,
        uniqueId,
        softwareEnforced,
        hardwareEnforced,
        warnings);
  }

  private static int intField(DerReader fields, String name) throws KeyDescriptionParseException {
    ASN1Integer value = decode(fields.next(name, null), ASN1Integer.class, name, null);
    return intValue(value.getValue(), name, null);
  }

  private static SecurityLevel securityLevel(DerReader fields, String name)
      throws KeyDescriptionParseException {
    ASN1Enumerated value = decode(fields.next(name, null), ASN1Enumerated.class, name, null);
    try {
      return SecurityLevel.fromAsn1(intValue(value.getValue(), name, null));
    } catch (KeyDescriptionParseException e) {
      throw new KeyDescriptionParseException(name + ": " + e.getMessage(), null);
    }
  }

  private static byte[] octets(DerReader fields, String name) throws KeyDescriptionParseException {
    return decode(fields.next(name, null), ASN1OctetString.class, name, null).getOctets();
  }

  private AuthorizationList authorizationList(DerReader fields, String name)
      throws KeyDescriptionParseException {
    DerReader.Element list = fields.next(name, null);
    if (!list.is(DerReader.CLASS_UNIVERSAL, SEQUENCE) || !list.constructed) {
      throw new KeyDescriptionParseException(name + " is not a SEQUENCE", null);
    }

    Map<KeyMintTag, Object> values = new EnumMap<>(KeyMintTag.class);
    Map<Integer, byte[]> unknown = new TreeMap<>();
    Set<Integer> seen = new java.util.HashSet<>();
    int previous = -1;
    boolean orderWarned = false;
    DerReader entries = list.contents();
    while (entries.hasMore()) {
      DerReader.Element entry = entries.next(name + " entry after tag " + previous, null);
      int tag = entry.tagNumber;
      if (entry.tagClass != DerReader.CLASS_CONTEXT) {
        throw new KeyDescriptionParseException(
            name + ": entry with tag " + tag + " is not a context-specific tag", tag);
      }
      if (!entry.constructed) {
        throw new KeyDescriptionParseException(
            name + ": tag " + tag + " is not EXPLICIT (its encoding is primitive)", tag);
      }
      DerReader wrapper = entry.contents();
      DerReader.Element value = wrapper.next(name + " tag " + tag + " value", tag);
      if (wrapper.hasMore()) {
        throw new KeyDescriptionParseException(
            name + ": tag " + tag + " has trailing bytes after its value", tag);
      }

      // DER orders the fields of a SEQUENCE by tag; some devices do not.
      if (tag < previous && !orderWarned) {
        warnings.add(
            new AttestationWarning(
                WarningCode.TAGS_OUT_OF_ORDER,
                tag,
                name + ": tag " + tag + " follows tag " + previous));
        orderWarned = true;
      }
      previous = Math.max(previous, tag);

      boolean duplicate = !seen.add(tag);
      KeyMintTag known = KeyMintTag.fromNumber(tag).orElse(null);
      if (known == null) {
        if (duplicate) {
          throw new KeyDescriptionParseException(
              name + ": unknown tag " + tag + " appears twice", tag);
        }
        unknown.put(tag, value.encoded());
        warnings.add(
            new AttestationWarning(
                WarningCode.UNKNOWN_TAG, tag, name + ": unknown tag " + tag + " kept as raw DER"));
        continue;
      }
      if (duplicate && known.valueType() != KeyMintTag.ValueType.INTEGER_SET) {
        throw new KeyDescriptionParseException(
            name + ": tag " + tag + " (" + known.jsonName() + ") appears twice", tag);
      }
      readValue(name, known, value, values, duplicate);
    }
    return new AuthorizationList(values, unknown);
  }

  private void readValue(
      String listName,
      KeyMintTag tag,
      DerReader.Element element,
      Map<KeyMintTag, Object> values,
      boolean duplicate)
      throws KeyDescriptionParseException {
    int number = tag.number();
    String field = listName + "." + tag.jsonName() + " (tag " + number + ")";
    switch (tag.valueType()) {
      case INTEGER_SET:
        {
          ASN1Set set = decode(element, ASN1Set.class, field, number);
          Set<Integer> integers = new LinkedHashSet<>();
          for (ASN1Encodable member : set) {
            if (!(member instanceof ASN1Integer)) {
              throw new KeyDescriptionParseException(
                  field + ": SET member is not an INTEGER", number);
            }
            integers.add(intValue(((ASN1Integer) member).getValue(), field, number));
          }
          if (duplicate) {
            @SuppressWarnings("unchecked") // this method stored Set<Integer> for the same tag
            Set<Integer> existing = (Set<Integer>) values.get(tag);
            Set<Integer> merged = new LinkedHashSet<>();
            if (existing != null) {
              merged.addAll(existing);
            }
            merged.addAll(integers);
            integers = merged;
            warnings.add(
                new AttestationWarning(
                    WarningCode.DUPLICATE_SET_TAG,
                    number,
                    field + " appears twice; the sets were merged"));
          }
          values.put(tag, integers);
          break;
        }
      case INTEGER:
        values.put(
            tag, longValue(decode(element, ASN1Integer.class, field, number), field, number));
        break;
      case PATCH_LEVEL:
        {
          long level = longValue(decode(element, ASN1Integer.class, field, number), field, number);
          if (isValidPatchLevel(level)) {
            values.put(tag, (int) level);
          } else {
            warnings.add(
                new AttestationWarning(
                    WarningCode.INVALID_PATCH_LEVEL,
                    number,
                    field + " value " + level + " is not a valid yyyyMM or yyyyMMdd date"));
          }
          break;
        }
      case FLAG:
        decode(element, ASN1Null.class, field, number);
        values.put(tag, Boolean.TRUE);
        break;
      case TEXT:
      case BYTES:
        values.put(tag, decode(element, ASN1OctetString.class, field, number).getOctets());
        break;
      case ROOT_OF_TRUST:
        values.put(tag, rootOfTrust(element, field, number));
        break;
      case APPLICATION_ID:
        values.put(tag, applicationId(element, field, number));
        break;
      default:
        throw new IllegalStateException("unhandled value type " + tag.valueType());
    }
  }

  private RootOfTrust rootOfTrust(DerReader.Element element, String field, int number)
      throws KeyDescriptionParseException {
    ASN1Sequence sequence = decode(element, ASN1Sequence.class, field, number);
    if (sequence.size() != 3 && sequence.size() != 4) {
      throw new KeyDescriptionParseException(
          field + " has " + sequence.size() + " elements, expected 3 or 4", number);
    }
    byte[] bootKey =
        member(sequence, 0, ASN1OctetString.class, field + ".verifiedBootKey", number).getOctets();
    ASN1Boolean locked = member(sequence, 1, ASN1Boolean.class, field + ".deviceLocked", number);
    ASN1Enumerated state =
        member(sequence, 2, ASN1Enumerated.class, field + ".verifiedBootState", number);
    byte[] bootHash = null;
    if (sequence.size() == 4) {
      bootHash =
          member(sequence, 3, ASN1OctetString.class, field + ".verifiedBootHash", number)
              .getOctets();
    }

    // DER encodes TRUE as 0xFF; some devices send 0x01, which BER reads as true.
    if (!isCanonical(locked)) {
      warnings.add(
          new AttestationWarning(
              WarningCode.NON_CANONICAL_BOOLEAN,
              number,
              field + ".deviceLocked is a BOOLEAN encoded with a byte other than 0x00 or 0xFF"));
    }
    VerifiedBootState bootState =
        VerifiedBootState.fromAsn1(
            intValue(state.getValue(), field + ".verifiedBootState", number));
    return new RootOfTrust(bootKey, locked.isTrue(), bootState, bootHash);
  }

  private static boolean isCanonical(ASN1Boolean value) throws KeyDescriptionParseException {
    try {
      return Arrays.equals(value.getEncoded(ASN1Encoding.BER), value.getEncoded(ASN1Encoding.DER));
    } catch (IOException e) {
      throw new KeyDescriptionParseException("BOOLEAN cannot be re-encoded", null, e);
    }
  }

  private static AttestationApplicationId applicationId(
      DerReader.Element element, String field, int number) throws KeyDescriptionParseException {
    byte[] inner = decode(element, ASN1OctetString.class, field, number).getOctets();
    DerReader reader = new DerReader(inner);
    DerReader.Element idElement = reader.next(field + " AttestationApplicationId", number);
    if (reader.hasMore()) {
      throw new KeyDescriptionParseException(
          field + ": AttestationApplicationId has trailing bytes", number);
    }
    ASN1Sequence sequence = decode(idElement, ASN1Sequence.class, field, number);
    if (sequence.size() != 2) {
      throw new KeyDescriptionParseException(
          field + ": AttestationApplicationId has " + sequence.size() + " elements, expected 2",
          number);
    }
    ASN1Set packageSet = member(sequence, 0, ASN1Set.class, field + ".packages", number);
    ASN1Set digestSet = member(sequence, 1, ASN1Set.class, field + ".signatures", number);

    List<AttestationApplicationId.PackageInfo> packages = new ArrayList<>();
    for (ASN1Encodable encodable : packageSet) {
      if (!(encodable instanceof ASN1Sequence) || ((ASN1Sequence) encodable).size() != 2) {
        throw new KeyDescriptionParseException(
            field + ": a package entry is not a SEQUENCE of name and version", number);
      }
      ASN1Sequence info = (ASN1Sequence) encodable;
      byte[] name =
          member(info, 0, ASN1OctetString.class, field + ".packages.name", number).getOctets();
      ASN1Integer version = member(info, 1, ASN1Integer.class, field + ".packages.version", number);
      packages.add(
          new AttestationApplicationId.PackageInfo(
              new String(name, java.nio.charset.StandardCharsets.UTF_8),
              longValue(version, field + ".packages.version", number)));
    }

    List<byte[]> digests = new ArrayList<>();
    for (ASN1Encodable encodable : digestSet) {
      if (!(encodable instanceof ASN1OctetString)) {
        throw new KeyDescriptionParseException(
            field + ": a signature digest is not an OCTET STRING", number);
      }
      digests.add(((ASN1OctetString) encodable).getOctets());
    }
    return new AttestationApplicationId(packages, digests);
  }

  /** yyyyMM, or yyyyMMdd where day 00 means the day is not given. */
  static boolean isValidPatchLevel(long value) {
    try {
      if (value >= 100_000L && value <= 999_999L) {
        LocalDate.of((int) (value / 100), (int) (value % 100), 1);
        return true;
      }
      if (value >= 10_000_000L && value <= 99_999_999L) {
        int day = (int) (value % 100);
        LocalDate.of((int) (value / 10_000), (int) (value / 100 % 100), day == 0 ? 1 : day);
        return true;
      }
      return false;
    } catch (DateTimeException e) {
      return false;
    }
  }

  private static <T extends ASN1Primitive> T member(
      ASN1Sequence sequence, int index, Class<T> type, String field, int number)
      throws KeyDescriptionParseException {
    ASN1Primitive primitive = sequence.getObjectAt(index).toASN1Primitive();
    if (!type.isInstance(primitive)) {
      throw new KeyDescriptionParseException(
          field + " is " + typeName(primitive) + ", expected " + typeName(type), number);
    }
    return type.cast(primitive);
  }

  /** Decodes one element with BouncyCastle and checks its universal type. */
  private static <T extends ASN1Primitive> T decode(
      DerReader.Element element, Class<T> type, String field, @Nullable Integer tag)
      throws KeyDescriptionParseException {
    ASN1Primitive primitive;
    try {
      primitive = ASN1Primitive.fromByteArray(element.encoded());
    } catch (IOException | RuntimeException e) {
      // BouncyCastle 1.87 reports malformed contents as ASN1Exception, an IOException; an
      // unchecked exception from a decoder must still become a typed failure.
      throw new KeyDescriptionParseException(
          field + " is not valid ASN.1: " + e.getMessage(), tag, e);
    }
    if (!type.isInstance(primitive)) {
      throw new KeyDescriptionParseException(
          field + " is " + typeName(primitive) + ", expected " + typeName(type), tag);
    }
    return type.cast(primitive);
  }

  private static int intValue(BigInteger value, String field, @Nullable Integer tag)
      throws KeyDescriptionParseException {
    try {
      return value.intValueExact();
    } catch (ArithmeticException e) {
      throw new KeyDescriptionParseException(
          field + " value " + value + " does not fit 32 bits", tag);
    }
  }

  private static long longValue(ASN1Integer value, String field, @Nullable Integer tag)
      throws KeyDescriptionParseException {
    try {
      return value.getValue().longValueExact();
    } catch (ArithmeticException e) {
      throw new KeyDescriptionParseException(
          field + " value " + value.getValue() + " does not fit 64 bits", tag);
    }
  }

  private static String typeName(ASN1Primitive primitive) {
    return typeName(primitive.getClass());
  }

  private static String typeName(Class<?> type) {
    if (ASN1Integer.class.isAssignableFrom(type)) {
      return "INTEGER";
    } else if (ASN1Enumerated.class.isAssignableFrom(type)) {
      return "ENUMERATED";
    } else if (ASN1OctetString.class.isAssignableFrom(type)) {
      return "OCTET STRING";
    } else if (ASN1Sequence.class.isAssignableFrom(type)) {
      return "SEQUENCE";
    } else if (ASN1Set.class.isAssignableFrom(type)) {
      return "SET";
    } else if (ASN1Null.class.isAssignableFrom(type)) {
      return "NULL";
    } else if (ASN1Boolean.class.isAssignableFrom(type)) {
      return "BOOLEAN";
    }
    return "an ASN.1 " + type.getSimpleName();
  }
}
