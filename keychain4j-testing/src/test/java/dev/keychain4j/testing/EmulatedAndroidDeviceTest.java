package dev.keychain4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keychain4j.ApplicationIdentity;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.Purpose;
import dev.keychain4j.attestation.android.AndroidAttestationResult;
import dev.keychain4j.attestation.android.AndroidAttestationVerifier;
import dev.keychain4j.attestation.android.AttestationApplicationId;
import dev.keychain4j.attestation.android.AttestationPolicy;
import dev.keychain4j.attestation.android.AuthorizationList;
import dev.keychain4j.attestation.android.ReasonCode;
import dev.keychain4j.attestation.android.RootClass;
import dev.keychain4j.attestation.android.SecurityLevel;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Chains of emulated devices, checked by the project's Android verifier. */
class EmulatedAndroidDeviceTest {
  static final byte[] CHALLENGE = "nonce-1234".getBytes(StandardCharsets.UTF_8);
  static final KeyParameters SIGNING_KEY =
      KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.SIGN, Purpose.VERIFY).build();

  static final Map<dev.keychain4j.SecurityLevel, SecurityLevel> HARDWARE_LEVELS =
      Map.of(
          dev.keychain4j.SecurityLevel.TRUSTED_ENVIRONMENT, SecurityLevel.TRUSTED_ENVIRONMENT,
          dev.keychain4j.SecurityLevel.STRONGBOX, SecurityLevel.STRONG_BOX);

  @Test
  void hardwareChainsNeedTheTestRoot() {
    for (var level : HARDWARE_LEVELS.entrySet()) {
      EmulatedAndroidDevice device = EmulatedAndroidDevice.builder().securityLevel(level.getKey()).build();
      List<java.security.cert.X509Certificate> chain = device.generateKey(SIGNING_KEY, CHALLENGE).chain();

      AndroidAttestationResult google = googleAnchoredVerifier().verify(chain, CHALLENGE);
      AndroidAttestationResult anchored = anchoredVerifier(device, AttestationPolicy.defaults()).verify(chain, CHALLENGE);

      assertThat(google.isTrusted()).as("%s with Google anchors", level.getKey()).isFalse();
      assertThat(google.reason()).as("%s with Google anchors", level.getKey()).isEqualTo(ReasonCode.UNTRUSTED_ROOT);
      assertThat(anchored.isTrusted()).as("%s: %s %s", level.getKey(), anchored.reason(), anchored.failedRule()).isTrue();
      assertThat(anchored.rootClass()).isEqualTo(RootClass.CUSTOM);
      assertThat(anchored.effectiveSecurityLevel()).hasValue(level.getValue());
    }
  }

  @Test
  void anotherDevicesRootIsRejected() {
    EmulatedAndroidDevice device = EmulatedAndroidDevice.builder().build();
    EmulatedAndroidDevice other = EmulatedAndroidDevice.builder().build();

    AndroidAttestationResult result =
        anchoredVerifier(other, AttestationPolicy.defaults()).verify(device.generateKey(SIGNING_KEY, CHALLENGE).chain(), CHALLENGE);

    assertThat(result.isTrusted()).isFalse();
  }

  @Test
  void chosenDeviceStateIsReported() {
    ApplicationIdentity app = ApplicationIdentity.of("com.example.wallet", 7, KeychainAttestationTest.digest(0x22));
    EmulatedAndroidDevice device =
        EmulatedAndroidDevice.builder()
            .securityLevel(dev.keychain4j.SecurityLevel.STRONGBOX)
            .verifiedBoot(VerifiedBootState.SELF_SIGNED, false)
            .osVersion(150000)
            .osPatchLevel(YearMonth.of(2025, 3))
            .vendorPatchLevel(LocalDate.of(2025, 3, 5))
            .bootPatchLevel(LocalDate.of(2025, 3, 1))
            .application(app)
            .build();

    AndroidAttestationResult result =
        anchoredVerifier(device, AttestationPolicy.defaults()).verify(device.generateKey(SIGNING_KEY, CHALLENGE).chain(), CHALLENGE);

    assertThat(result.isTrusted()).as("%s %s", result.reason(), result.failedRule()).isTrue();
    assertThat(result.verifiedBootState()).hasValue(dev.keychain4j.attestation.android.VerifiedBootState.SELF_SIGNED);
    assertThat(result.deviceLocked()).hasValue(false);
    assertThat(result.osVersion()).hasValue(150000);
    assertThat(result.osPatchLevel()).hasValue(202503);
    assertThat(result.vendorPatchLevel()).hasValue(20250305);
    assertThat(result.bootPatchLevel()).hasValue(20250301);
    assertThat(result.applicationId().orElseThrow().packages())
        .containsExactly(new AttestationApplicationId.PackageInfo("com.example.wallet", 7));
    AuthorizationList hardware = result.keyDescription().orElseThrow().hardwareEnforced();
    assertThat(hardware.purposes()).containsExactlyInAnyOrder(2, 3);
    assertThat(hardware.ecCurve()).hasValue(1);
    assertThat(result.keyDescription().orElseThrow().softwareEnforced().contains(
        dev.keychain4j.attestation.android.KeyMintTag.PURPOSE)).isFalse();
  }

  @Test
  void unlockedBootloaderFailsStrictPolicy() {
    EmulatedAndroidDevice device =
        EmulatedAndroidDevice.builder().verifiedBoot(VerifiedBootState.UNVERIFIED, false).build();
    AttestationPolicy policy = AttestationPolicy.builder().requireLockedBootloaderAndVerifiedBoot().build();

    AndroidAttestationResult result =
        anchoredVerifier(device, policy).verify(device.generateKey(SIGNING_KEY, CHALLENGE).chain(), CHALLENGE);

    assertThat(result.reason()).isEqualTo(ReasonCode.BOOTLOADER_UNLOCKED);
  }

  @Test
  void oldPatchLevelFailsPolicy() {
    EmulatedAndroidDevice device = EmulatedAndroidDevice.builder().osPatchLevel(YearMonth.of(2023, 1)).build();
    AttestationPolicy policy = AttestationPolicy.builder().minOsPatchLevel(YearMonth.of(2024, 1)).build();

    AndroidAttestationResult result =
        anchoredVerifier(device, policy).verify(device.generateKey(SIGNING_KEY, CHALLENGE).chain(), CHALLENGE);

    assertThat(result.reason()).isEqualTo(ReasonCode.PATCH_LEVEL_TOO_LOW);
  }

  @Test
  void softwareDeviceNeedsSoftwarePolicy() {
    EmulatedAndroidDevice device =
        EmulatedAndroidDevice.builder().securityLevel(dev.keychain4j.SecurityLevel.SOFTWARE).build();
    List<java.security.cert.X509Certificate> chain = device.generateKey(SIGNING_KEY, CHALLENGE).chain();

    AndroidAttestationResult strict = anchoredVerifier(device, AttestationPolicy.defaults()).verify(chain, CHALLENGE);
    AndroidAttestationResult lenient =
        anchoredVerifier(device, AttestationPolicy.builder().minSecurityLevel(SecurityLevel.SOFTWARE).build())
            .verify(chain, CHALLENGE);

    assertThat(strict.reason()).isEqualTo(ReasonCode.SECURITY_LEVEL_TOO_LOW);
    assertThat(lenient.isTrusted()).isTrue();
    assertThat(lenient.keyDescription().orElseThrow().hardwareEnforced().tags()).isEmpty();
  }

  @Test
  void rsaKeyChainIsAccepted() {
    EmulatedAndroidDevice device = EmulatedAndroidDevice.builder().build();
    AttestedKey key =
        device.generateKey(KeyParameters.builder(KeyAlgorithm.RSA_2048).purposes(Purpose.DECRYPT).build(), CHALLENGE);

    AndroidAttestationResult result = anchoredVerifier(device, AttestationPolicy.defaults()).verifyPem(key.chainPem());

    assertThat(result.isTrusted()).as("%s %s", result.reason(), result.failedRule()).isTrue();
    assertThat(key.keyPair().getPublic().getAlgorithm()).isEqualTo("RSA");
  }

  @Test
  void longChallengeIsRejected() {
    EmulatedAndroidDevice device = EmulatedAndroidDevice.builder().build();

    assertThatThrownBy(() -> device.generateKey(SIGNING_KEY, new byte[200]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("200 bytes");
  }

  private static AndroidAttestationVerifier googleAnchoredVerifier() {
    return AndroidAttestationVerifier.builder()
        .insecureSkipRevocationCheck()
        .expectedChallenge(CHALLENGE)
        .build();
  }

  private static AndroidAttestationVerifier anchoredVerifier(EmulatedAndroidDevice device, AttestationPolicy policy) {
    return AndroidAttestationVerifier.builder()
        .trustAnchorsPem(device.testRootPem())
        .insecureSkipRevocationCheck()
        .expectedChallenge(CHALLENGE)
        .policy(policy)
        .build();
  }
}
