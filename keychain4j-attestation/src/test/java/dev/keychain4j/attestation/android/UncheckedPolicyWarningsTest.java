package dev.keychain4j.attestation.android;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks the warnings a trusted result carries for checks the caller did not request. */
class UncheckedPolicyWarningsTest {
  // A factory chain from a device with an unlocked bootloader and boot state UNVERIFIED.
  private static final List<X509Certificate> UNLOCKED_DEVICE =
      TestChains.chain("devices/blueline/sdk28/TEE_EC_NONE.pem");

  @Test
  void missingChallengeAndUnlockedDeviceWarn() {
    AndroidAttestationResult result =
        TestChains.verifierAt(TestChains.AKITA_VALID).build().verify(UNLOCKED_DEVICE);

    assertThat(result.verdict()).isEqualTo(Verdict.TRUSTED);
    assertThat(result.warnings())
        .extracting(AttestationWarning::code)
        .containsExactly(
            WarningCode.REVOCATION_NOT_CHECKED,
            WarningCode.CHALLENGE_NOT_CHECKED,
            WarningCode.BOOTLOADER_UNLOCKED,
            WarningCode.BOOT_NOT_VERIFIED);
  }

  @Test
  void checkedChallengeDoesNotWarn() {
    AndroidAttestationResult result =
        TestChains.verifierAt(TestChains.AKITA_VALID)
            .build()
            .verify(UNLOCKED_DEVICE, TestChains.CHALLENGE);

    assertThat(result.verdict()).isEqualTo(Verdict.TRUSTED);
    assertThat(result.warnings())
        .extracting(AttestationWarning::code)
        .doesNotContain(WarningCode.CHALLENGE_NOT_CHECKED)
        .contains(WarningCode.BOOTLOADER_UNLOCKED);
  }

  @Test
  void requiredLockedBootRejectsUnlockedDevice() {
    AndroidAttestationResult result =
        TestChains.verifierAt(TestChains.AKITA_VALID)
            .policy(AttestationPolicy.builder().requireLockedBootloaderAndVerifiedBoot().build())
            .build()
            .verify(UNLOCKED_DEVICE, TestChains.CHALLENGE);

    assertThat(result.reason()).isEqualTo(ReasonCode.BOOTLOADER_UNLOCKED);
    assertThat(result.certificateIndex()).hasValue(0);
  }

  @Test
  void softwareChainWithoutRootOfTrustWarns() {
    AndroidAttestationResult result =
        TestChains.verifierAt(TestChains.AKITA_VALID)
            .policy(AttestationPolicy.builder().minSecurityLevel(SecurityLevel.SOFTWARE).build())
            .build()
            .verify(TestChains.chain("devices/marlin/sdk29/TEE_EC_NONE.pem"), TestChains.CHALLENGE);

    assertThat(result.verdict()).as(result.toString()).isEqualTo(Verdict.TRUSTED);
    assertThat(result.warnings())
        .extracting(AttestationWarning::code)
        .contains(WarningCode.ROOT_OF_TRUST_MISSING);
  }
}
