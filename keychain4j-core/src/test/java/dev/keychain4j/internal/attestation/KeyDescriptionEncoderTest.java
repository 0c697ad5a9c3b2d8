package dev.keychain4j.internal.attestation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keychain4j.AuthorizationTag;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.Purpose;
import dev.keychain4j.SecurityLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.junit.jupiter.api.Test;

/** The split of a key's authorizations between softwareEnforced and hardwareEnforced. */
class KeyDescriptionEncoderTest {
  static final KeyParameters PARAMETERS =
      KeyParameters.builder(KeyAlgorithm.EC_P256)
          .purposes(Purpose.SIGN)
          .usageLimit(3)
          .build();
  static final Instant CREATED = Instant.parse("2026-12-04T10:00:00Z");

  @Test
  void hardwareElementListsWhatItEnforces() throws Exception {
    ASN1Sequence description =
        encode(SecurityLevel.TRUSTED_ENVIRONMENT, EnumSet.of(AuthorizationTag.PURPOSE, AuthorizationTag.ALGORITHM));

    assertThat(ASN1Enumerated.getInstance(description.getObjectAt(1)).intValueExact()).isEqualTo(1);
    assertThat(tags(description.getObjectAt(7))).containsExactly(1, 2, 3, 10, 503, 702);
    assertThat(tags(description.getObjectAt(6))).containsExactly(5, 405, 701);
  }

  @Test
  void softwareElementListsNothingAsHardware() throws Exception {
    ASN1Sequence description = encode(SecurityLevel.SOFTWARE, EnumSet.allOf(AuthorizationTag.class));

    assertThat(ASN1Enumerated.getInstance(description.getObjectAt(1)).intValueExact()).isZero();
    assertThat(tags(description.getObjectAt(7))).isEmpty();
    assertThat(tags(description.getObjectAt(6))).containsExactly(1, 2, 3, 5, 10, 405, 503, 701, 702);
  }

  @Test
  void activeDateTimeRoundsUpToMillisecond() throws Exception {
    KeyParameters parameters =
        PARAMETERS.toBuilder()
            .activeFrom(Instant.parse("2026-01-01T00:00:00.000000001Z"))
            .originationEnd(Instant.parse("2026-02-01T00:00:00.000999999Z"))
            .build();
    AuthorizationListEncoder software = new AuthorizationListEncoder();
    KeyDescriptionEncoder.addKeyAuthorizations(
        parameters, EnumSet.allOf(AuthorizationTag.class), SecurityLevel.SOFTWARE, CREATED, null, software, new AuthorizationListEncoder());

    ASN1Sequence list = software.toSequence();

    assertThat(value(list, 400)).isEqualTo(Instant.parse("2026-01-01T00:00:00.001Z").toEpochMilli());
    assertThat(value(list, 401)).isEqualTo(Instant.parse("2026-02-01T00:00:00Z").toEpochMilli());
  }

  @Test
  void challengeLongerThan128IsRejected() {
    assertThatThrownBy(() -> KeyDescriptionEncoder.checkChallenge(new byte[129]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("129 bytes");
  }

  private static ASN1Sequence encode(SecurityLevel level, Set<AuthorizationTag> enforced) throws Exception {
    AuthorizationListEncoder software = new AuthorizationListEncoder();
    AuthorizationListEncoder hardware = new AuthorizationListEncoder();
    KeyDescriptionEncoder.addKeyAuthorizations(PARAMETERS, enforced, level, CREATED, null, software, hardware);
    return ASN1Sequence.getInstance(
        ASN1Primitive.fromByteArray(KeyDescriptionEncoder.encode(level, new byte[] {1}, software, hardware)));
  }

  private static List<Integer> tags(ASN1Encodable list) {
    List<Integer> tags = new ArrayList<>();
    for (ASN1Encodable entry : ASN1Sequence.getInstance(list)) {
      tags.add(((ASN1TaggedObject) entry).getTagNo());
    }
    return tags;
  }

  private static long value(ASN1Sequence list, int tag) {
    for (ASN1Encodable entry : list) {
      ASN1TaggedObject tagged = (ASN1TaggedObject) entry;
      if (tagged.getTagNo() == tag) {
        return org.bouncycastle.asn1.ASN1Integer.getInstance(tagged.getExplicitBaseObject()).longValueExact();
      }
    }
    throw new AssertionError("tag " + tag + " is missing");
  }
}
