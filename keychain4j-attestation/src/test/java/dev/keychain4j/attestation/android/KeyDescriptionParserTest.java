package dev.keychain4j.attestation.android;

import static dev.keychain4j.attestation.android.TestCertificates.integerSet;
import static dev.keychain4j.attestation.android.TestCertificates.keyDescription;
import static dev.keychain4j.attestation.android.TestCertificates.list;
import static dev.keychain4j.attestation.android.TestCertificates.rootOfTrust;
import static dev.keychain4j.attestation.android.TestCertificates.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keychain4j.attestation.android.internal.KeyDescriptionJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyDescriptionParserTest {
  private static final byte[] CHALLENGE = "challenge".getBytes(StandardCharsets.UTF_8);

  private static byte[] withHardware(ASN1Encodable... entries) {
    return keyDescription(300, 1, CHALLENGE, list(), list(entries));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 100, 200, 300, 400, 500})
  void everyAttestationVersionParses(int version) throws Exception {
    byte[] hash = version >= 3 ? new byte[32] : null;
    byte[] der =
        keyDescription(version, 1, CHALLENGE, list(), list(tag(704, rootOfTrust(true, 0, hash))));

    KeyDescription description = KeyDescription.parse(der);

    assertThat(description.attestationVersion()).isEqualTo(version);
    assertThat(
            description
                .hardwareEnforced()
                .rootOfTrust()
                .orElseThrow()
                .verifiedBootHash()
                .isPresent())
        .isEqualTo(version >= 3);
  }

  @Test
  void everyKnownTagHasItsJsonField() throws Exception {
    List<ASN1Encodable> entries = new ArrayList<>();
    for (KeyMintTag tag : KeyMintTag.values()) {
      entries.add(tag(tag.number(), sampleValue(tag)));
    }
    byte[] der = withHardware(entries.toArray(new ASN1Encodable[0]));

    KeyDescription description = KeyDescription.parse(der);
    JsonNode json = KeyDescriptionJson.toJson(description).get("hardwareEnforced");

    assertThat(description.warnings()).isEmpty();
    for (KeyMintTag tag : KeyMintTag.values()) {
      assertThat(description.hardwareEnforced().contains(tag)).as(tag.name()).isTrue();
      assertThat(json.has(tag.jsonName())).as(tag.jsonName()).isTrue();
    }
    assertThat(json.get("mlDsaVariant").asText()).isEqualTo("2");
    assertThat(json.get("origin").asText()).isEqualTo("SECURELY_IMPORTED");
    assertThat(json.get("attestationIdSerial").asText()).isEqualTo("serial-0713");
    assertThat(json.get("moduleHash").asText()).isEqualTo("AQID");
    assertThat(json.get("earlyBootOnly").asBoolean()).isTrue();
  }

  private static ASN1Encodable sampleValue(KeyMintTag tag) {
    switch (tag.valueType()) {
      case INTEGER_SET:
        return integerSet(2, 3);
      case INTEGER:
        if (tag == KeyMintTag.ORIGIN) {
          return new ASN1Integer(4);
        }
        return new ASN1Integer(tag == KeyMintTag.ML_DSA_VARIANT ? 2 : 1000 + tag.number());
      case PATCH_LEVEL:
        return new ASN1Integer(20240805);
      case FLAG:
        return DERNull.INSTANCE;
      case TEXT:
        return new DEROctetString(("serial-0" + tag.number()).getBytes(StandardCharsets.UTF_8));
      case BYTES:
        return new DEROctetString(new byte[] {1, 2, 3});
      case ROOT_OF_TRUST:
        return rootOfTrust(true, 0, new byte[32]);
      case APPLICATION_ID:
        return new DEROctetString(applicationId());
      default:
        throw new IllegalStateException();
    }
  }

  private static byte[] applicationId() {
    try {
      ASN1EncodableVector info = new ASN1EncodableVector();
      info.add(new DEROctetString("com.example".getBytes(StandardCharsets.UTF_8)));
      info.add(new ASN1Integer(7));
      return new DERSequence(
              new ASN1Encodable[] {
                new DERSet(new DERSequence(info)), new DERSet(new DEROctetString(new byte[32]))
              })
          .getEncoded();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void tagsOutOfOrderWarned() throws Exception {
    KeyDescription description =
        KeyDescription.parse(withHardware(tag(3, new ASN1Integer(256)), tag(1, integerSet(2))));

    assertThat(description.warnings())
        .extracting(AttestationWarning::code)
        .containsExactly(WarningCode.TAGS_OUT_OF_ORDER);
    assertThat(description.hardwareEnforced().keySize()).hasValue(256);
    assertThat(description.hardwareEnforced().purposes()).containsExactly(2);
  }

  @Test
  void duplicateSetTagMerged() throws Exception {
    KeyDescription description =
        KeyDescription.parse(withHardware(tag(1, integerSet(2)), tag(1, integerSet(3))));

    assertThat(description.hardwareEnforced().purposes()).containsExactly(2, 3);
    assertThat(description.warnings())
        .extracting(AttestationWarning::code)
        .containsExactly(WarningCode.DUPLICATE_SET_TAG);
  }

  @Test
  void duplicateScalarTagFailsNamingTag() {
    byte[] der = withHardware(tag(3, new ASN1Integer(256)), tag(3, new ASN1Integer(2048)));

    assertThatThrownBy(() -> KeyDescription.parse(der))
        .isInstanceOfSatisfying(
            KeyDescriptionParseException.class, e -> assertThat(e.tag()).hasValue(3))
        .hasMessageContaining("appears twice");
  }

  @Test
  void booleanEncodedAsOneWarned() throws Exception {
    byte[] der = withHardware(tag(704, rootOfTrust(true, 0, new byte[32])));
    // DER TRUE is 01 01 FF; replace it with 01 01 01 as some devices send.
    int at = indexOf(der, new byte[] {0x01, 0x01, (byte) 0xFF});
    der[at + 2] = 0x01;

    KeyDescription description = KeyDescription.parse(der);

    assertThat(description.hardwareEnforced().rootOfTrust().orElseThrow().deviceLocked()).isTrue();
    assertThat(description.warnings())
        .extracting(AttestationWarning::code)
        .containsExactly(WarningCode.NON_CANONICAL_BOOLEAN);
  }

  @Test
  void invalidPatchLevelLeftOut() throws Exception {
    KeyDescription description =
        KeyDescription.parse(
            withHardware(
                tag(705, new ASN1Integer(140000)),
                tag(706, new ASN1Integer(202413)),
                tag(718, new ASN1Integer(20240805))));

    assertThat(description.hardwareEnforced().osPatchLevel()).isEmpty();
    assertThat(description.hardwareEnforced().vendorPatchLevel()).hasValue(20240805);
    assertThat(description.hardwareEnforced().osVersion()).hasValue(140000);
    assertThat(description.warnings())
        .extracting(AttestationWarning::code)
        .containsExactly(WarningCode.INVALID_PATCH_LEVEL);
    assertThat(KeyDescriptionJson.toJson(description).get("hardwareEnforced").has("osPatchLevel"))
        .isFalse();
  }

  @ParameterizedTest
  @ValueSource(longs = {202400, 202413, 20240230, 2024080, 0, -1})
  void patchLevelValidityRejects(long value) {
    assertThat(KeyDescriptionParser.isValidPatchLevel(value)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(longs = {202408, 20240805, 20240800, 20240229})
  void patchLevelValidityAccepts(long value) {
    assertThat(KeyDescriptionParser.isValidPatchLevel(value)).isTrue();
  }

  @Test
  void unknownTagKeptRaw() throws Exception {
    KeyDescription description =
        KeyDescription.parse(withHardware(tag(1, integerSet(2)), tag(999, new ASN1Integer(5))));

    assertThat(description.hardwareEnforced().unknownTags()).containsOnlyKeys(999);
    assertThat(description.hardwareEnforced().unknownTags().get(999))
        .isEqualTo(new byte[] {0x02, 0x01, 0x05});
    assertThat(description.warnings())
        .extracting(AttestationWarning::code)
        .containsExactly(WarningCode.UNKNOWN_TAG);
    assertThat(
            KeyDescriptionJson.toJson(description).at("/hardwareEnforced/unknownTags/999").asText())
        .isEqualTo("AgEF");
  }

  @Test
  void wrongTypeFailsNamingTag() {
    byte[] der = withHardware(tag(3, new DEROctetString(new byte[] {1})));

    assertThatThrownBy(() -> KeyDescription.parse(der))
        .isInstanceOfSatisfying(
            KeyDescriptionParseException.class, e -> assertThat(e.tag()).hasValue(3))
        .hasMessageContaining("keySize")
        .hasMessageContaining("expected INTEGER");
  }

  @Test
  void implicitTagFailsNamingTag() {
    // [3] IMPLICIT INTEGER: primitive encoding 83 01 05 instead of A3 03 02 01 05.
    byte[] der = withHardware(tag(1, integerSet(2)));
    byte[] implicit = Arrays.copyOf(der, der.length + 3);
    int listStart = indexOf(der, new byte[] {(byte) 0xA1});
    System.arraycopy(new byte[] {(byte) 0x83, 0x01, 0x05}, 0, implicit, der.length, 3);
    implicit = fixLengthsAfterAppend(der, implicit, listStart);

    byte[] input = implicit;
    assertThatThrownBy(() -> KeyDescription.parse(input))
        .isInstanceOfSatisfying(
            KeyDescriptionParseException.class, e -> assertThat(e.tag()).hasValue(3))
        .hasMessageContaining("not EXPLICIT");
  }

  @Test
  void truncatedDataFails() {
    byte[] der = withHardware(tag(1, integerSet(2)), tag(3, new ASN1Integer(256)));

    for (int length = 0; length < der.length; length++) {
      byte[] truncated = Arrays.copyOf(der, length);
      assertThatThrownBy(() -> KeyDescription.parse(truncated))
          .as("truncated to %d bytes", length)
          .isInstanceOf(KeyDescriptionParseException.class);
    }
  }

  @Test
  void truncatedInsideTagNamesTag() {
    byte[] der = withHardware(tag(3, new ASN1Integer(256)));
    // Shorten the INTEGER inside [3] by one byte and fix every enclosing length.
    byte[] shortened = Arrays.copyOf(der, der.length - 1);
    shortened[1]--; // KeyDescription SEQUENCE length (short form)
    int hardware = indexOf(shortened, new byte[] {(byte) 0xA3}) - 2;
    shortened[hardware + 1]--;
    int wrapper = hardware + 2;
    shortened[wrapper + 1]--;

    assertThatThrownBy(() -> KeyDescription.parse(shortened))
        .isInstanceOfSatisfying(
            KeyDescriptionParseException.class, e -> assertThat(e.tag()).hasValue(3))
        .hasMessageContaining("truncated");
  }

  @Test
  void trailingBytesFail() {
    byte[] der = withHardware(tag(1, integerSet(2)));
    byte[] trailing = Arrays.copyOf(der, der.length + 2);

    assertThatThrownBy(() -> KeyDescription.parse(trailing))
        .isInstanceOf(KeyDescriptionParseException.class)
        .hasMessageContaining("trailing");
  }

  @Test
  void trailingBytesInsideTagNameTag() {
    // [5] EXPLICIT holding two values: the second is trailing data inside the tag.
    ASN1EncodableVector two = new ASN1EncodableVector();
    two.add(integerSet(4));
    two.add(new ASN1Integer(1));
    byte[] der =
        withHardware(new org.bouncycastle.asn1.DERTaggedObject(false, 5, new DERSequence(two)));

    assertThatThrownBy(() -> KeyDescription.parse(der))
        .isInstanceOfSatisfying(
            KeyDescriptionParseException.class, e -> assertThat(e.tag()).hasValue(5))
        .hasMessageContaining("trailing");
  }

  @Test
  void nonMinimalIntegerFailsTyped() {
    // BouncyCastle rejects 02 02 00 01 with an unchecked exception; the parser must convert it.
    byte[] der = keyDescription(1, 1, CHALLENGE, list(), list());
    assertThat(Arrays.copyOfRange(der, 2, 5)).isEqualTo(new byte[] {0x02, 0x01, 0x01});
    byte[] padded = new byte[der.length + 1];
    padded[0] = 0x30;
    padded[1] = (byte) (der[1] + 1);
    System.arraycopy(new byte[] {0x02, 0x02, 0x00, 0x01}, 0, padded, 2, 4);
    System.arraycopy(der, 5, padded, 6, der.length - 5);

    assertThatThrownBy(() -> KeyDescription.parse(padded))
        .isInstanceOf(KeyDescriptionParseException.class)
        .hasMessageContaining("attestationVersion");
  }

  @Test
  void securityLevelOutOfRangeFails() {
    byte[] der = keyDescription(300, 7, CHALLENGE, list(), list());

    assertThatThrownBy(() -> KeyDescription.parse(der))
        .isInstanceOf(KeyDescriptionParseException.class)
        .hasMessageContaining("attestationSecurityLevel");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("pattern not found");
  }

  /** Grows the KeyDescription and hardware list lengths by the three appended bytes. */
  private static byte[] fixLengthsAfterAppend(byte[] original, byte[] grown, int listEntryStart) {
    grown[1] += 3;
    int hardwareHeader = listEntryStart - 2;
    grown[hardwareHeader + 1] += 3;
    assertThat(original[hardwareHeader]).isEqualTo((byte) 0x30);
    return grown;
  }
}
