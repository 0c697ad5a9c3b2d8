package dev.keychain4j.attestation.android;

import static dev.keychain4j.attestation.android.TestChains.AFTER_2016_ROOT_EXPIRY;
import static dev.keychain4j.attestation.android.TestChains.AKITA_VALID;
import static dev.keychain4j.attestation.android.TestChains.CHALLENGE;
import static dev.keychain4j.attestation.android.TestChains.verifierAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AndroidChainVerificationTest {
  private final AndroidAttestationVerifier verifier = verifierAt(AFTER_2016_ROOT_EXPIRY).build();

  static Stream<Path> teeSampleChains() {
    return TestChains.pemFiles("google-sample-chains").stream()
        .filter(p -> p.getFileName().toString().contains("TEE"));
  }

  static Stream<Path> strongBoxSampleChains() {
    return TestChains.pemFiles("google-sample-chains").stream()
        .filter(p -> p.getFileName().toString().contains("StrongBox"));
  }

  static Stream<Path> marlinChains() {
    return TestChains.pemFiles("devices/marlin").stream();
  }

  static Stream<Path> factoryDeviceChains() {
    return TestChains.pemFiles("devices/blueline").stream();
  }

  static Stream<Path> remoteDeviceChains() {
    return TestChains.pemFiles("devices/akita").stream();
  }

  /**
   * Returns every chain that verifies to Google's hardware root at {@link TestChains#AKITA_VALID}.
   */
  static Stream<Path> hardwareChains() {
    return Stream.of(teeSampleChains(), factoryDeviceChains(), remoteDeviceChains())
        .flatMap(s -> s);
  }

  @ParameterizedTest
  @MethodSource("teeSampleChains")
  void teeSampleVerifiesToGoogleRoot(Path chain) {
    AndroidAttestationResult result = verifier.verify(TestChains.chain(chain));

    assertThat(result.reason()).as(result.toString()).isEqualTo(ReasonCode.OK);
    assertThat(result.verdict()).isEqualTo(Verdict.TRUSTED);
    assertThat(result.rootClass()).isEqualTo(RootClass.GOOGLE_HARDWARE);
    assertThat(result.provisioning()).isEqualTo(ProvisioningMethod.FACTORY);
    assertThat(result.effectiveSecurityLevel()).hasValue(SecurityLevel.TRUSTED_ENVIRONMENT);
    assertThat(result.warnings())
        .extracting(AttestationWarning::code)
        .startsWith(WarningCode.REVOCATION_NOT_CHECKED, WarningCode.CHALLENGE_NOT_CHECKED);
  }

  @ParameterizedTest
  @MethodSource("strongBoxSampleChains")
  void strongBoxSampleIsUntrustedRoot(Path chain) {
    List<X509Certificate> certificates = TestChains.chain(chain);
    AndroidAttestationResult result = verifier.verify(certificates);

    assertThat(result.verdict()).isEqualTo(Verdict.REJECTED);
    assertThat(result.reason()).isEqualTo(ReasonCode.UNTRUSTED_ROOT);
    assertThat(result.rootClass()).isEqualTo(RootClass.UNTRUSTED);
    assertThat(result.certificateIndex()).hasValue(certificates.size() - 1);
  }

  @ParameterizedTest
  @MethodSource("marlinChains")
  void marlinIsSoftwareRootNeverHardware(Path chain) {
    AndroidAttestationResult result = verifier.verify(TestChains.chain(chain));

    assertThat(result.verdict()).isEqualTo(Verdict.REJECTED);
    assertThat(result.reason()).isEqualTo(ReasonCode.SOFTWARE_ROOT);
    assertThat(result.rootClass()).isEqualTo(RootClass.GOOGLE_SOFTWARE);
    assertThat(result.effectiveSecurityLevel()).hasValue(SecurityLevel.SOFTWARE);
  }

  @ParameterizedTest
  @MethodSource("marlinChains")
  void marlinAcceptedOnlyAsSoftware(Path chain) {
    AndroidAttestationVerifier softwareAllowed =
        verifierAt(AFTER_2016_ROOT_EXPIRY)
            .policy(AttestationPolicy.builder().minSecurityLevel(SecurityLevel.SOFTWARE).build())
            .build();

    AndroidAttestationResult result = softwareAllowed.verify(TestChains.chain(chain));

    assertThat(result.verdict()).as(result.toString()).isEqualTo(Verdict.TRUSTED);
    assertThat(result.rootClass()).isEqualTo(RootClass.GOOGLE_SOFTWARE);
    assertThat(result.effectiveSecurityLevel()).hasValue(SecurityLevel.SOFTWARE);
    // The marlin KeyDescription claims a TEE keymaster; the software root overrides the claim.
    assertThat(result.keyMintSecurityLevel()).hasValue(SecurityLevel.TRUSTED_ENVIRONMENT);
  }

  @ParameterizedTest
  @MethodSource("factoryDeviceChains")
  void factoryChainIgnoresExpiredRoot(Path chain) {
    AndroidAttestationResult result = verifier.verify(TestChains.chain(chain));

    assertThat(result.reason()).as(result.toString()).isEqualTo(ReasonCode.OK);
    assertThat(result.rootClass()).isEqualTo(RootClass.GOOGLE_HARDWARE);
    assertThat(result.provisioning()).isEqualTo(ProvisioningMethod.FACTORY);
  }

  @ParameterizedTest
  @MethodSource("remoteDeviceChains")
  void remoteChainValidAtCaptureTime(Path chain) {
    AndroidAttestationResult result =
        verifierAt(AKITA_VALID).build().verify(TestChains.chain(chain));

    assertThat(result.reason()).as(result.toString()).isEqualTo(ReasonCode.OK);
    assertThat(result.provisioning()).isEqualTo(ProvisioningMethod.REMOTE);
    assertThat(result.rootClass()).isEqualTo(RootClass.GOOGLE_HARDWARE);
  }

  @ParameterizedTest
  @MethodSource("remoteDeviceChains")
  void remoteChainExpiredIntermediateRejected(Path chain) {
    AndroidAttestationResult result = verifier.verify(TestChains.chain(chain));

    assertThat(result.reason()).isEqualTo(ReasonCode.CERTIFICATE_EXPIRED);
    assertThat(result.certificateIndex()).hasValue(1);
    assertThat(result.provisioning()).isEqualTo(ProvisioningMethod.REMOTE);
  }

  @Test
  void strongBoxAkitaReportsStrongBox() {
    AndroidAttestationResult result =
        verifierAt(AKITA_VALID)
            .build()
            .verify(TestChains.chain("devices/akita/sdk34/SB_RSA_NONE.pem"));

    assertThat(result.isTrusted()).as(result.toString()).isTrue();
    assertThat(result.attestationSecurityLevel()).hasValue(SecurityLevel.STRONG_BOX);
    assertThat(result.osVersion()).hasValue(140000);
    assertThat(result.deviceLocked()).hasValue(false);
    assertThat(result.verifiedBootState()).hasValue(VerifiedBootState.UNVERIFIED);
  }

  @ParameterizedTest
  @MethodSource("factoryDeviceChains")
  void chainWithoutRootVerifies(Path chain) {
    List<X509Certificate> certificates = new ArrayList<>(TestChains.chain(chain));
    certificates.remove(certificates.size() - 1);

    AndroidAttestationResult result = verifier.verify(certificates);

    assertThat(result.reason()).as(result.toString()).isEqualTo(ReasonCode.OK);
    assertThat(result.rootClass()).isEqualTo(RootClass.GOOGLE_HARDWARE);
  }

  @ParameterizedTest
  @MethodSource("hardwareChains")
  void flippedSignatureByteRejectedAtEachIndex(Path chain) {
    AndroidAttestationVerifier atCapture = verifierAt(AKITA_VALID).build();
    List<byte[]> der = TestChains.der(TestChains.chain(chain));
    assertThat(atCapture.verifyDer(der).reason()).isEqualTo(ReasonCode.OK);

    for (int index = 0; index < der.size(); index++) {
      List<byte[]> mutated = new ArrayList<>(der);
      byte[] certificate = der.get(index).clone();
      // The last byte of a certificate belongs to its signature value.
      certificate[certificate.length - 1] ^= 0x01;
      mutated.set(index, certificate);

      AndroidAttestationResult result = atCapture.verifyDer(mutated);

      assertThat(result.reason())
          .as("certificate %d: %s", index, result)
          .isEqualTo(ReasonCode.SIGNATURE_INVALID);
      assertThat(result.certificateIndex()).hasValue(index);
    }
  }

  @Test
  void intermediateFromAnotherDeviceRejected() {
    List<X509Certificate> akita = TestChains.chain("devices/akita/sdk34/TEE_EC_NONE.pem");
    List<X509Certificate> blueline = TestChains.chain("devices/blueline/sdk28/TEE_EC_NONE.pem");
    List<X509Certificate> spliced = new ArrayList<>();
    spliced.add(akita.get(0));
    spliced.addAll(blueline.subList(1, blueline.size()));

    AndroidAttestationResult result = verifierAt(AKITA_VALID).build().verify(spliced);

    assertThat(result.reason()).isEqualTo(ReasonCode.ISSUER_MISMATCH);
    assertThat(result.certificateIndex()).hasValue(0);
  }

  @Test
  void intermediateWithSameNameFromOtherChainRejected() {
    // Both blueline TEE chains have an intermediate named serialNumber=a0b63a35743673b7. One
    // contains an EC key and the other an RSA key.
    List<X509Certificate> ec = TestChains.chain("devices/blueline/sdk28/TEE_EC_NONE.pem");
    List<X509Certificate> rsa = TestChains.chain("devices/blueline/sdk28/TEE_RSA_NONE.pem");
    assertThat(ec.get(0).getIssuerX500Principal()).isEqualTo(rsa.get(1).getSubjectX500Principal());
    List<X509Certificate> spliced = new ArrayList<>();
    spliced.add(ec.get(0));
    spliced.addAll(rsa.subList(1, rsa.size()));

    AndroidAttestationResult result = verifier.verify(spliced);

    assertThat(result.reason()).isEqualTo(ReasonCode.ISSUER_MISMATCH);
    assertThat(result.certificateIndex()).hasValue(0);
  }

  @Test
  void sameNameIntermediateRejected() {
    // The two google TEE sample chains share the name of their device intermediate but not its key.
    List<X509Certificate> ec =
        TestChains.chain("google-sample-chains/algorithm_EC_SecurityLevel_TEE.pem");
    List<X509Certificate> rsa =
        TestChains.chain("google-sample-chains/algorithm_RSA_SecurityLevel_TEE.pem");
    List<X509Certificate> spliced = new ArrayList<>();
    spliced.add(rsa.get(0));
    spliced.add(rsa.get(1));
    spliced.addAll(ec.subList(2, ec.size()));

    AndroidAttestationResult result = verifier.verify(spliced);

    assertThat(result.verdict()).isEqualTo(Verdict.REJECTED);
    assertThat(result.reason()).isIn(ReasonCode.ISSUER_MISMATCH, ReasonCode.SIGNATURE_INVALID);
    assertThat(result.certificateIndex()).hasValue(1);
  }

  @Test
  void forgedLeafOnRealChainRejected() throws Exception {
    List<X509Certificate> real = TestChains.chain("devices/blueline/sdk28/TEE_EC_NONE.pem");
    KeyPair forger = TestCertificates.ecKeyPair();
    X509Certificate forged =
        TestCertificates.issue(
            org.bouncycastle.asn1.x500.X500Name.getInstance(
                real.get(0).getSubjectX500Principal().getEncoded()),
            forger.getPublic(),
            org.bouncycastle.asn1.x500.X500Name.getInstance(
                real.get(0).getSubjectX500Principal().getEncoded()),
            forger,
            false,
            TestChains.leafExtension(real));
    List<X509Certificate> extended = new ArrayList<>();
    extended.add(forged);
    extended.addAll(real);

    AndroidAttestationResult result = verifier.verify(extended);

    assertThat(result.reason()).isEqualTo(ReasonCode.ATTESTED_KEY_SIGNED_CERTIFICATE);
    assertThat(result.certificateIndex()).hasValue(0);
  }

  @Test
  void forgedLeafSignedByAttestedKeyRejected() {
    // Every signature in this chain is valid: only the rule on attested keys can reject it.
    byte[] description = TestCertificates.teeKeyDescription(CHALLENGE, 2);
    TestCertificates.CustomChain custom = new TestCertificates.CustomChain(description);
    AndroidAttestationVerifier customVerifier =
        verifierAt(AKITA_VALID).trustAnchors(List.of(custom.root)).build();
    assertThat(
            customVerifier
                .verify(List.of(custom.attested, custom.intermediate, custom.root))
                .reason())
        .isEqualTo(ReasonCode.OK);
    KeyPair forgedKey = TestCertificates.ecKeyPair();
    X509Certificate forged =
        TestCertificates.issue(
            "CN=Forged",
            forgedKey.getPublic(),
            "CN=Android Keystore Key",
            custom.attestedKeys,
            false,
            description);

    AndroidAttestationResult result =
        customVerifier.verify(List.of(forged, custom.attested, custom.intermediate, custom.root));

    assertThat(result.reason()).isEqualTo(ReasonCode.ATTESTED_KEY_SIGNED_CERTIFICATE);
    assertThat(result.certificateIndex()).hasValue(0);
  }

  @Test
  void leafSignedByAttestKeyAccepted() {
    // Purpose 7 is ATTEST_KEY: such a key may sign the leaf's attestation certificate.
    TestCertificates.CustomChain custom =
        new TestCertificates.CustomChain(TestCertificates.teeKeyDescription(new byte[0], 7));
    KeyPair appKey = TestCertificates.ecKeyPair();
    X509Certificate leaf =
        TestCertificates.issue(
            "CN=App Key",
            appKey.getPublic(),
            "CN=Android Keystore Key",
            custom.attestedKeys,
            false,
            TestCertificates.teeKeyDescription(CHALLENGE, 2));
    AndroidAttestationVerifier customVerifier =
        verifierAt(AKITA_VALID).trustAnchors(List.of(custom.root)).build();

    AndroidAttestationResult result =
        customVerifier.verify(List.of(leaf, custom.attested, custom.intermediate, custom.root));

    assertThat(result.reason()).as(result.toString()).isEqualTo(ReasonCode.OK);
    assertThat(result.rootClass()).isEqualTo(RootClass.CUSTOM);
    assertThat(result.provisioning()).isEqualTo(ProvisioningMethod.UNKNOWN);
  }

  @Test
  void leafWithoutExtensionRejected() {
    List<X509Certificate> real = TestChains.chain("devices/blueline/sdk28/TEE_EC_NONE.pem");

    AndroidAttestationResult result = verifier.verify(real.subList(1, real.size()));

    assertThat(result.reason()).isEqualTo(ReasonCode.MISSING_ATTESTATION_EXTENSION);
    assertThat(result.certificateIndex()).hasValue(0);
    assertThat(result.keyDescription()).isEmpty();
  }

  @Test
  void issuerWithoutCaFlagRejected() {
    TestCertificates.CustomChain custom =
        new TestCertificates.CustomChain(TestCertificates.teeKeyDescription(CHALLENGE, 2));
    KeyPair notCaKeys = TestCertificates.ecKeyPair();
    X509Certificate notCa =
        TestCertificates.issue(
            "CN=Not A CA", notCaKeys.getPublic(), "CN=Test Root", custom.rootKeys, false, null);
    X509Certificate leaf =
        TestCertificates.issue(
            "CN=Leaf",
            TestCertificates.ecKeyPair().getPublic(),
            "CN=Not A CA",
            notCaKeys,
            false,
            TestCertificates.teeKeyDescription(CHALLENGE, 2));

    AndroidAttestationResult result =
        verifierAt(AKITA_VALID)
            .trustAnchors(List.of(custom.root))
            .build()
            .verify(List.of(leaf, notCa, custom.root));

    assertThat(result.reason()).isEqualTo(ReasonCode.ISSUER_NOT_CA);
    assertThat(result.certificateIndex()).hasValue(1);
  }

  @Test
  void leafDatesNotChecked() {
    // The custom intermediates and the leaf all start on 2024-01-01; at an earlier instant only
    // the intermediate may be rejected, because leaf dates carry no meaning.
    TestCertificates.CustomChain custom =
        new TestCertificates.CustomChain(TestCertificates.teeKeyDescription(CHALLENGE, 2));

    AndroidAttestationResult result =
        verifierAt(java.time.Instant.parse("2023-06-01T00:00:00Z"))
            .trustAnchors(List.of(custom.root))
            .build()
            .verify(List.of(custom.attested, custom.intermediate, custom.root));

    assertThat(result.reason()).isEqualTo(ReasonCode.CERTIFICATE_NOT_YET_VALID);
    assertThat(result.certificateIndex()).hasValue(1);
  }

  @Test
  void certificateAfterAnchorRejected() {
    List<X509Certificate> chain =
        new ArrayList<>(TestChains.chain("devices/blueline/sdk28/TEE_EC_NONE.pem"));
    List<X509Certificate> akita = TestChains.chain("devices/akita/sdk34/TEE_EC_NONE.pem");
    chain.add(akita.get(akita.size() - 1));

    AndroidAttestationResult result = verifier.verify(chain);

    assertThat(result.reason()).isEqualTo(ReasonCode.CHAIN_CONTINUES_AFTER_ANCHOR);
    assertThat(result.certificateIndex()).hasValue(4);
  }

  @Test
  void deviceIdsReportedWhenAttested() {
    byte[] description =
        TestCertificates.keyDescription(
            300,
            1,
            CHALLENGE,
            TestCertificates.list(),
            TestCertificates.list(
                TestCertificates.tag(1, TestCertificates.integerSet(2)),
                TestCertificates.tag(
                    710,
                    new org.bouncycastle.asn1.DEROctetString(
                        "google".getBytes(StandardCharsets.UTF_8))),
                TestCertificates.tag(
                    713,
                    new org.bouncycastle.asn1.DEROctetString(
                        "SERIAL123".getBytes(StandardCharsets.UTF_8)))));
    TestCertificates.CustomChain custom = new TestCertificates.CustomChain(description);

    AndroidAttestationResult result =
        verifierAt(AKITA_VALID)
            .trustAnchors(List.of(custom.root))
            .build()
            .verify(List.of(custom.attested, custom.intermediate, custom.root));

    assertThat(result.reason()).isEqualTo(ReasonCode.OK);
    assertThat(result.deviceIds())
        .containsEntry(KeyMintTag.ATTESTATION_ID_BRAND, "google")
        .containsEntry(KeyMintTag.ATTESTATION_ID_SERIAL, "SERIAL123")
        .hasSize(2);
  }

  @Test
  void mlDsaChainVerifies() {
    KeyPair rootKeys = TestCertificates.mlDsaKeyPair();
    KeyPair attestationKeys = TestCertificates.mlDsaKeyPair();
    X509Certificate root =
        TestCertificates.issue(
            "CN=ML-DSA Root", rootKeys.getPublic(), "CN=ML-DSA Root", rootKeys, true, null);
    X509Certificate intermediate =
        TestCertificates.issue(
            "CN=ML-DSA Attestation Key",
            attestationKeys.getPublic(),
            "CN=ML-DSA Root",
            rootKeys,
            true,
            null);
    X509Certificate leaf =
        TestCertificates.issue(
            "CN=Android Keystore Key",
            TestCertificates.ecKeyPair().getPublic(),
            "CN=ML-DSA Attestation Key",
            attestationKeys,
            false,
            TestCertificates.teeKeyDescription(CHALLENGE, 2));
    AndroidAttestationVerifier mlDsaVerifier =
        verifierAt(AKITA_VALID).trustAnchors(List.of(root)).build();
    byte[] tampered = TestChains.der(List.of(leaf)).get(0);
    tampered[tampered.length - 1] ^= 0x01;

    AndroidAttestationResult result = mlDsaVerifier.verify(List.of(leaf, intermediate, root));
    AndroidAttestationResult flipped =
        mlDsaVerifier.verifyDer(List.of(tampered, TestChains.der(List.of(intermediate)).get(0)));

    assertThat(result.reason()).as(result.toString()).isEqualTo(ReasonCode.OK);
    assertThat(result.rootClass()).isEqualTo(RootClass.CUSTOM);
    assertThat(flipped.reason()).isEqualTo(ReasonCode.SIGNATURE_INVALID);
  }

  @Test
  void sharedVerifierIsThreadSafe() throws Exception {
    AndroidAttestationVerifier shared = verifierAt(AKITA_VALID).linkCacheSize(4).build();
    List<List<X509Certificate>> chains =
        hardwareChains().map(TestChains::chain).collect(java.util.stream.Collectors.toList());
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<ReasonCode>> futures = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        List<X509Certificate> chain = chains.get(i % chains.size());
        futures.add(pool.submit(() -> shared.verify(chain).reason()));
      }

      for (java.util.concurrent.Future<ReasonCode> future : futures) {
        assertThat(future.get()).isEqualTo(ReasonCode.OK);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void resultValuesAreDefensiveCopies() {
    AndroidAttestationResult result =
        verifier.verify(TestChains.chain("devices/blueline/sdk28/TEE_EC_NONE.pem"));
    KeyDescription description = result.keyDescription().orElseThrow();

    description.attestationChallenge()[0] = 0;
    description
            .softwareEnforced()
            .attestationApplicationId()
            .orElseThrow()
            .signatureDigests()
            .get(0)[0] =
        0;

    assertThat(description.attestationChallenge()).isEqualTo(CHALLENGE);
    assertThat(result.applicationId().orElseThrow().signatureDigests().get(0))
        .isEqualTo(Base64.getDecoder().decode("EDk47kU35Z6O55L2VFBPuDRvxrNG0LvEQV/DOfz8jsE="));
  }

  @Test
  void wrongChallengeRejected() {
    List<X509Certificate> chain = TestChains.chain("devices/blueline/sdk28/TEE_EC_NONE.pem");

    AndroidAttestationResult wrong =
        verifier.verify(chain, "other".getBytes(StandardCharsets.UTF_8));
    AndroidAttestationResult right = verifier.verify(chain, CHALLENGE);

    assertThat(wrong.reason()).isEqualTo(ReasonCode.CHALLENGE_MISMATCH);
    assertThat(wrong.certificateIndex()).hasValue(0);
    assertThat(right.reason()).isEqualTo(ReasonCode.OK);
  }

  @Test
  void builderChallengeApplies() {
    AndroidAttestationVerifier expecting =
        verifierAt(AFTER_2016_ROOT_EXPIRY).expectedChallenge(new byte[] {1, 2, 3}).build();

    AndroidAttestationResult result =
        expecting.verify(TestChains.chain("devices/blueline/sdk28/TEE_EC_NONE.pem"));

    assertThat(result.reason()).isEqualTo(ReasonCode.CHALLENGE_MISMATCH);
  }

  @Test
  void replayedChallengeRejected() {
    AndroidAttestationVerifier replayChecking =
        verifierAt(AFTER_2016_ROOT_EXPIRY)
            .replayCache(
                new InMemoryChallengeReplayCache(
                    100, Duration.ofMinutes(10), TestChains.clockAt(AFTER_2016_ROOT_EXPIRY)))
            .build();
    List<X509Certificate> chain = TestChains.chain("devices/blueline/sdk28/TEE_EC_NONE.pem");

    AndroidAttestationResult first = replayChecking.verify(chain, CHALLENGE);
    AndroidAttestationResult second = replayChecking.verify(chain, CHALLENGE);

    assertThat(first.reason()).isEqualTo(ReasonCode.OK);
    assertThat(second.reason()).isEqualTo(ReasonCode.CHALLENGE_REPLAYED);
    assertThat(second.certificateIndex()).hasValue(0);
  }

  @Test
  void rejectedChainDoesNotUseUpChallenge() {
    AndroidAttestationVerifier replayChecking =
        verifierAt(AFTER_2016_ROOT_EXPIRY)
            .replayCache(
                new InMemoryChallengeReplayCache(
                    100, Duration.ofMinutes(10), TestChains.clockAt(AFTER_2016_ROOT_EXPIRY)))
            .build();
    List<X509Certificate> strongBox =
        TestChains.chain("google-sample-chains/algorithm_EC_SecurityLevel_StrongBox.pem");
    List<X509Certificate> tee = TestChains.chain("devices/blueline/sdk28/TEE_EC_NONE.pem");

    assertThat(replayChecking.verify(strongBox, CHALLENGE).reason())
        .isEqualTo(ReasonCode.UNTRUSTED_ROOT);
    assertThat(replayChecking.verify(tee, CHALLENGE).reason()).isEqualTo(ReasonCode.OK);
  }

  @Test
  void lockedBootPolicyRejectsUnlockedDevice() {
    AndroidAttestationVerifier lockedOnly =
        verifierAt(AFTER_2016_ROOT_EXPIRY)
            .policy(AttestationPolicy.builder().requireLockedBootloaderAndVerifiedBoot().build())
            .build();

    AndroidAttestationResult result =
        lockedOnly.verify(TestChains.chain("devices/blueline/sdk28/TEE_EC_NONE.pem"));

    assertThat(result.reason()).isEqualTo(ReasonCode.BOOTLOADER_UNLOCKED);
  }

  @Test
  void lockedBootPolicyAcceptsLockedDevice() {
    TestCertificates.CustomChain custom =
        new TestCertificates.CustomChain(TestCertificates.teeKeyDescription(CHALLENGE, 2));
    AndroidAttestationVerifier lockedOnly =
        verifierAt(AKITA_VALID)
            .trustAnchors(List.of(custom.root))
            .policy(AttestationPolicy.builder().requireLockedBootloaderAndVerifiedBoot().build())
            .build();

    AndroidAttestationResult result =
        lockedOnly.verify(List.of(custom.attested, custom.intermediate));

    assertThat(result.reason()).as(result.toString()).isEqualTo(ReasonCode.OK);
    assertThat(result.deviceLocked()).hasValue(true);
  }

  @Test
  void patchLevelPolicyComparesDates() {
    List<X509Certificate> chain = TestChains.chain("devices/akita/sdk34/TEE_EC_NONE.pem");
    AndroidAttestationVerifier recent =
        verifierAt(AKITA_VALID)
            .policy(
                AttestationPolicy.builder()
                    .minOsPatchLevel(YearMonth.of(2024, 8))
                    .minVendorPatchLevel(LocalDate.of(2024, 8, 5))
                    .minOsVersion(140000)
                    .build())
            .build();
    AndroidAttestationVerifier tooRecent =
        verifierAt(AKITA_VALID)
            .policy(AttestationPolicy.builder().minBootPatchLevel(LocalDate.of(2024, 8, 6)).build())
            .build();

    assertThat(recent.verify(chain).reason()).isEqualTo(ReasonCode.OK);
    assertThat(tooRecent.verify(chain).reason()).isEqualTo(ReasonCode.PATCH_LEVEL_TOO_LOW);
  }

  @Test
  void minimumSecurityLevelStrongBoxRejectsTee() {
    AndroidAttestationVerifier strongBoxOnly =
        verifierAt(AFTER_2016_ROOT_EXPIRY)
            .policy(AttestationPolicy.builder().minSecurityLevel(SecurityLevel.STRONG_BOX).build())
            .build();

    AndroidAttestationResult tee =
        strongBoxOnly.verify(TestChains.chain("devices/blueline/sdk28/TEE_EC_NONE.pem"));
    AndroidAttestationResult strongBox =
        strongBoxOnly.verify(TestChains.chain("devices/blueline/sdk28/SB_RSA_NONE.pem"));

    assertThat(tee.reason()).isEqualTo(ReasonCode.SECURITY_LEVEL_TOO_LOW);
    assertThat(strongBox.reason()).isEqualTo(ReasonCode.OK);
  }

  @Test
  void applicationPolicyChecksPackageAndDigest() {
    List<X509Certificate> chain = TestChains.chain("devices/blueline/sdk28/TEE_EC_NONE.pem");
    String collector = "com.google.wireless.android.security.attestationverifier.collector";
    byte[] digest = Base64.getDecoder().decode("EDk47kU35Z6O55L2VFBPuDRvxrNG0LvEQV/DOfz8jsE=");

    ReasonCode allowed =
        verifierWith(
                AttestationPolicy.builder()
                    .allowedPackageNames(Set.of(collector))
                    .allowedSigningDigests(Set.of(digest))
                    .build())
            .verify(chain)
            .reason();
    ReasonCode otherPackage =
        verifierWith(
                AttestationPolicy.builder().allowedPackageNames(Set.of("com.example.app")).build())
            .verify(chain)
            .reason();
    ReasonCode otherDigest =
        verifierWith(
                AttestationPolicy.builder().allowedSigningDigests(Set.of(new byte[32])).build())
            .verify(chain)
            .reason();

    assertThat(allowed).isEqualTo(ReasonCode.OK);
    assertThat(otherPackage).isEqualTo(ReasonCode.PACKAGE_NOT_ALLOWED);
    assertThat(otherDigest).isEqualTo(ReasonCode.SIGNING_DIGEST_NOT_ALLOWED);
  }

  @Test
  void builderRequiresRevocationChoice() {
    assertThatThrownBy(() -> AndroidAttestationVerifier.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("insecureSkipRevocationCheck");
  }

  @Test
  void emptyAndGarbageChainsRejectedWithoutException() {
    assertThat(verifier.verifyDer(List.of()).reason()).isEqualTo(ReasonCode.MALFORMED_CERTIFICATE);
    assertThat(verifier.verifyDer(List.of(new byte[] {0x30, 0x03, 0x02, 0x01})).reason())
        .isEqualTo(ReasonCode.MALFORMED_CERTIFICATE);
    assertThat(verifier.verifyPem("not pem").reason()).isEqualTo(ReasonCode.MALFORMED_CERTIFICATE);
  }

  @Test
  void linkCacheDisabledGivesSameResults() {
    AndroidAttestationVerifier uncached = verifierAt(AKITA_VALID).linkCacheSize(0).build();
    AndroidAttestationVerifier cached = verifierAt(AKITA_VALID).build();

    hardwareChains()
        .forEach(
            chain -> {
              List<X509Certificate> certificates = TestChains.chain(chain);
              assertThat(uncached.verify(certificates).reason()).isEqualTo(ReasonCode.OK);
              assertThat(cached.verify(certificates).reason()).isEqualTo(ReasonCode.OK);
              assertThat(cached.verify(certificates).reason()).isEqualTo(ReasonCode.OK);
            });
  }

  private static AndroidAttestationVerifier verifierWith(AttestationPolicy policy) {
    return verifierAt(AFTER_2016_ROOT_EXPIRY).policy(policy).build();
  }
}
