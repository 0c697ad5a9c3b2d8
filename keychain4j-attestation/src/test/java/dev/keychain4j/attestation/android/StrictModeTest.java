package dev.keychain4j.attestation.android;

import static dev.keychain4j.attestation.android.TestCertificates.integerSet;
import static dev.keychain4j.attestation.android.TestCertificates.keyDescription;
import static dev.keychain4j.attestation.android.TestCertificates.list;
import static dev.keychain4j.attestation.android.TestCertificates.tag;
import static dev.keychain4j.attestation.android.TestChains.AKITA_VALID;
import static dev.keychain4j.attestation.android.TestChains.CHALLENGE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.junit.jupiter.api.Test;

class StrictModeTest {

  private static AndroidAttestationResult verify(byte[] description, boolean strict) {
    TestCertificates.CustomChain custom = new TestCertificates.CustomChain(description);
    return TestChains.verifierAt(AKITA_VALID)
        .trustAnchors(List.of(custom.root))
        .strict(strict)
        .build()
        .verify(List.of(custom.attested, custom.intermediate, custom.root));
  }

  @Test
  void deviationsAreWarningsByDefault() {
    byte[] description =
        keyDescription(
            300,
            1,
            CHALLENGE,
            list(),
            list(
                tag(3, new ASN1Integer(256)), tag(1, integerSet(2)), tag(998, new ASN1Integer(1))));

    AndroidAttestationResult result = verify(description, false);

    assertThat(result.reason()).as(result.toString()).isEqualTo(ReasonCode.OK);
    assertThat(result.warnings())
        .extracting(AttestationWarning::code)
        .contains(WarningCode.TAGS_OUT_OF_ORDER, WarningCode.UNKNOWN_TAG);
  }

  @Test
  void strictModeRejectsDeviations() {
    byte[] description =
        keyDescription(
            300, 1, CHALLENGE, list(), list(tag(3, new ASN1Integer(256)), tag(1, integerSet(2))));

    AndroidAttestationResult result = verify(description, true);

    assertThat(result.reason()).isEqualTo(ReasonCode.ENCODING_DEVIATION);
    assertThat(result.certificateIndex()).hasValue(0);
    assertThat(result.failedRule())
        .hasValueSatisfying(rule -> assertThat(rule).contains("tag 1 follows tag 3"));
  }

  @Test
  void strictModeAcceptsCleanEncoding() {
    AndroidAttestationResult result =
        verify(TestCertificates.teeKeyDescription(CHALLENGE, 2), true);

    assertThat(result.reason()).isEqualTo(ReasonCode.OK);
  }

  @Test
  void malformedExtensionIsRejectedNotMissing() {
    byte[] description =
        keyDescription(300, 1, CHALLENGE, list(), list(tag(3, new DEROctetString(new byte[1]))));

    AndroidAttestationResult result = verify(description, false);

    assertThat(result.reason()).isEqualTo(ReasonCode.MALFORMED_EXTENSION);
    assertThat(result.certificateIndex()).hasValue(0);
    assertThat(result.failedRule()).hasValueSatisfying(rule -> assertThat(rule).contains("tag 3"));
  }
}
