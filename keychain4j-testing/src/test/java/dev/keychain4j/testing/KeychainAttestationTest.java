package dev.keychain4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keychain4j.AccessControl;
import dev.keychain4j.ApplicationIdentity;
import dev.keychain4j.Digest;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyInfo;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.Keychain;
import dev.keychain4j.Padding;
import dev.keychain4j.Purpose;
import dev.keychain4j.attestation.android.AndroidAttestationResult;
import dev.keychain4j.attestation.android.AndroidAttestationVerifier;
import dev.keychain4j.attestation.android.AttestationApplicationId;
import dev.keychain4j.attestation.android.AttestationPolicy;
import dev.keychain4j.attestation.android.AuthorizationList;
import dev.keychain4j.attestation.android.KeyDescription;
import dev.keychain4j.attestation.android.KeyMintTag;
import dev.keychain4j.attestation.android.ReasonCode;
import dev.keychain4j.attestation.android.RootClass;
import dev.keychain4j.attestation.android.SecurityLevel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attestation chains of a software-enclave keychain, checked by the project's Android verifier
 * with the keychain's exported root as the only trust anchor.
 */
class KeychainAttestationTest {
  static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();
  static final byte[] CHALLENGE = "server challenge".getBytes(StandardCharsets.UTF_8);
  static final ApplicationIdentity APPLICATION =
      ApplicationIdentity.of("com.example.payments", 42, digest(0x11));

  @TempDir Path temp;
  Keychain keychain;

  @BeforeEach
  void createKeychain() throws Exception {
    keychain = Keychain.create(temp.resolve("keychain"), PASSPHRASE, APPLICATION);
  }

  @AfterEach
  void closeKeychain() {
    keychain.close();
  }

  @Test
  void ecKeyReportsExactlyItsAuthorizations() throws Exception {
    KeyParameters parameters =
        KeyParameters.builder(KeyAlgorithm.EC_P256)
            .purposes(Purpose.SIGN, Purpose.VERIFY)
            .digests(Digest.SHA256, Digest.SHA384)
            .activeFrom(Instant.parse("2026-01-01T00:00:00.123Z"))
            .originationEnd(Instant.parse("2027-06-30T12:00:00Z"))
            .consumptionEnd(Instant.parse("2028-06-30T12:00:00Z"))
            .usageLimit(5)
            .build();
    KeyInfo key = keychain.generateKey("ec", parameters);

    AndroidAttestationResult result = anchoredVerifier().verify(keychain.attest("ec", CHALLENGE), CHALLENGE);

    assertSoftwareAndTrusted(result);
    AuthorizationList software = result.keyDescription().orElseThrow().softwareEnforced();
    assertThat(software.tags())
        .containsExactlyInAnyOrder(
            KeyMintTag.PURPOSE,
            KeyMintTag.ALGORITHM,
            KeyMintTag.KEY_SIZE,
            KeyMintTag.DIGEST,
            KeyMintTag.EC_CURVE,
            KeyMintTag.ACTIVE_DATETIME,
            KeyMintTag.ORIGINATION_EXPIRE_DATETIME,
            KeyMintTag.USAGE_EXPIRE_DATETIME,
            KeyMintTag.USAGE_COUNT_LIMIT,
            KeyMintTag.NO_AUTH_REQUIRED,
            KeyMintTag.CREATION_DATETIME,
            KeyMintTag.ORIGIN,
            KeyMintTag.ATTESTATION_APPLICATION_ID);
    assertThat(software.purposes()).containsExactlyInAnyOrder(2, 3);
    assertThat(software.algorithm()).hasValue(3);
    assertThat(software.keySize()).hasValue(256);
    assertThat(software.ecCurve()).hasValue(1);
    assertThat(software.integerSet(KeyMintTag.DIGEST)).containsExactlyInAnyOrder(4, 5);
    assertThat(software.integer(KeyMintTag.ACTIVE_DATETIME)).hasValue(parameters.activeFrom().orElseThrow().toEpochMilli());
    assertThat(software.integer(KeyMintTag.ORIGINATION_EXPIRE_DATETIME))
        .hasValue(parameters.originationEnd().orElseThrow().toEpochMilli());
    assertThat(software.integer(KeyMintTag.USAGE_EXPIRE_DATETIME))
        .hasValue(parameters.consumptionEnd().orElseThrow().toEpochMilli());
    assertThat(software.integer(KeyMintTag.USAGE_COUNT_LIMIT)).hasValue(5);
    assertThat(software.flag(KeyMintTag.NO_AUTH_REQUIRED)).isTrue();
    assertThat(software.creationDateTime()).hasValue(Instant.ofEpochMilli(key.creationTime().toEpochMilli()));
    assertThat(software.origin()).hasValue(0);
    assertApplication(result);
  }

  @Test
  void accessControlReportsUserAuthentication() throws Exception {
    keychain.generateKey(
        "login",
        KeyParameters.builder(KeyAlgorithm.EC_P256)
            .purposes(Purpose.SIGN)
            .accessControl(AccessControl.parse("private-key-usage,biometry-any|device-passcode"))
            .authTimeoutSeconds(60)
            .build());

    AndroidAttestationResult result =
        anchoredVerifier().verify(keychain.attest("login", CHALLENGE), CHALLENGE);

    assertSoftwareAndTrusted(result);
    AuthorizationList software = result.keyDescription().orElseThrow().softwareEnforced();
    assertThat(software.flag(KeyMintTag.NO_AUTH_REQUIRED)).isFalse();
    assertThat(software.integer(KeyMintTag.USER_AUTH_TYPE)).hasValue(3);
    assertThat(software.integer(KeyMintTag.AUTH_TIMEOUT)).hasValue(60);
    assertThat(software.contains(KeyMintTag.TRUSTED_USER_PRESENCE_REQUIRED)).isFalse();
  }

  @Test
  void userPresenceReportsTrustedPresence() throws Exception {
    keychain.generateKey(
        "presence",
        KeyParameters.builder(KeyAlgorithm.EC_P256)
            .purposes(Purpose.SIGN)
            .accessControl(AccessControl.parse("private-key-usage,user-presence"))
            .build());

    AndroidAttestationResult result =
        anchoredVerifier().verify(keychain.attest("presence", CHALLENGE), CHALLENGE);

    assertSoftwareAndTrusted(result);
    AuthorizationList software = result.keyDescription().orElseThrow().softwareEnforced();
    assertThat(software.flag(KeyMintTag.NO_AUTH_REQUIRED)).isFalse();
    assertThat(software.flag(KeyMintTag.TRUSTED_USER_PRESENCE_REQUIRED)).isTrue();
    assertThat(software.contains(KeyMintTag.USER_AUTH_TYPE)).isFalse();
    assertThat(software.contains(KeyMintTag.AUTH_TIMEOUT)).isFalse();
  }

  @Test
  void rsaKeyReportsPaddingsAndExponent() throws Exception {
    keychain.generateKey(
        "rsa",
        KeyParameters.builder(KeyAlgorithm.RSA_2048)
            .purposes(Purpose.SIGN, Purpose.DECRYPT)
            .digests(Digest.SHA256, Digest.SHA512)
            .paddings(Padding.RSA_PSS, Padding.RSA_OAEP)
            .build());

    AndroidAttestationResult result = anchoredVerifier().verify(keychain.attest("rsa", CHALLENGE), CHALLENGE);

    assertSoftwareAndTrusted(result);
    AuthorizationList software = result.keyDescription().orElseThrow().softwareEnforced();
    assertThat(software.purposes()).containsExactlyInAnyOrder(2, 1);
    assertThat(software.algorithm()).hasValue(1);
    assertThat(software.keySize()).hasValue(2048);
    assertThat(software.integer(KeyMintTag.RSA_PUBLIC_EXPONENT)).hasValue(65537);
    assertThat(software.integerSet(KeyMintTag.DIGEST)).containsExactlyInAnyOrder(4, 6);
    assertThat(software.integerSet(KeyMintTag.PADDING)).containsExactlyInAnyOrder(3, 2);
    assertThat(software.integerSet(KeyMintTag.RSA_OAEP_MGF_DIGEST)).containsExactlyInAnyOrder(4, 6);
    assertThat(software.contains(KeyMintTag.EC_CURVE)).isFalse();
    assertThat(software.contains(KeyMintTag.USAGE_COUNT_LIMIT)).isFalse();
  }

  @Test
  void curve25519KeysReportCurveAndPurpose() throws Exception {
    keychain.generateKey("ed", KeyParameters.builder(KeyAlgorithm.ED25519).purposes(Purpose.SIGN).build());
    keychain.generateKey("x", KeyParameters.builder(KeyAlgorithm.X25519).purposes(Purpose.AGREE_KEY).build());

    for (String tag : List.of("ed", "x")) {
      AndroidAttestationResult result = anchoredVerifier().verify(keychain.attest(tag, CHALLENGE), CHALLENGE);

      assertSoftwareAndTrusted(result);
      AuthorizationList software = result.keyDescription().orElseThrow().softwareEnforced();
      assertThat(software.ecCurve()).as(tag).hasValue(4);
      assertThat(software.purposes()).as(tag).containsExactly(tag.equals("ed") ? 2 : 6);
      assertThat(software.integerSet(KeyMintTag.DIGEST)).as(tag).containsExactly(0);
    }
  }

  @Test
  void attestKeyChainIsAccepted() throws Exception {
    keychain.generateKey("attest", KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.ATTEST_KEY).build());
    keychain.generateKey("ec", KeyParameters.builder(KeyAlgorithm.EC_P384).purposes(Purpose.SIGN).build());

    List<X509Certificate> chain = keychain.attest("ec", CHALLENGE, "attest");
    AndroidAttestationResult result = anchoredVerifier().verify(chain, CHALLENGE);

    assertSoftwareAndTrusted(result);
    assertThat(result.keyDescription().orElseThrow().softwareEnforced().keySize()).hasValue(384);
    KeyDescription attestKey = KeyDescription.fromCertificate(chain.get(1)).orElseThrow();
    assertThat(attestKey.isAttestKey()).isTrue();
    assertThat(attestKey.softwareEnforced().purposes()).containsExactly(7);
  }

  @Test
  void wrongChallengeIsRejected() throws Exception {
    keychain.generateKey("ec", KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.SIGN).build());

    AndroidAttestationResult result =
        anchoredVerifier().verify(keychain.attest("ec", CHALLENGE), "other".getBytes(StandardCharsets.UTF_8));

    assertThat(result.reason()).isEqualTo(ReasonCode.CHALLENGE_MISMATCH);
  }

  @Test
  void defaultPolicyRejectsSoftwareLevel() throws Exception {
    keychain.generateKey("ec", KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.SIGN).build());
    AndroidAttestationVerifier verifier =
        AndroidAttestationVerifier.builder()
            .trustAnchors(List.of(keychain.attestationRoot()))
            .insecureSkipRevocationCheck()
            .build();

    AndroidAttestationResult result = verifier.verify(keychain.attest("ec", CHALLENGE), CHALLENGE);

    assertThat(result.isTrusted()).isFalse();
    assertThat(result.reason()).isEqualTo(ReasonCode.SECURITY_LEVEL_TOO_LOW);
  }

  @Test
  void googleAnchorsRejectKeychainChain() throws Exception {
    keychain.generateKey("ec", KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.SIGN).build());
    AndroidAttestationVerifier verifier =
        AndroidAttestationVerifier.builder()
            .insecureSkipRevocationCheck()
            .policy(AttestationPolicy.builder().minSecurityLevel(SecurityLevel.SOFTWARE).build())
            .build();

    AndroidAttestationResult result = verifier.verify(keychain.attest("ec", CHALLENGE), CHALLENGE);

    assertThat(result.reason()).isEqualTo(ReasonCode.UNTRUSTED_ROOT);
  }

  @Test
  void noApplicationIdentityLeavesTagOut() throws Exception {
    keychain.close();
    keychain = Keychain.open(temp.resolve("keychain"), PASSPHRASE);
    keychain.generateKey("ec", KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.SIGN).build());

    AndroidAttestationResult result = anchoredVerifier().verify(keychain.attest("ec", CHALLENGE), CHALLENGE);

    assertSoftwareAndTrusted(result);
    assertThat(result.applicationId()).isEmpty();
  }

  private AndroidAttestationVerifier anchoredVerifier() throws Exception {
    return AndroidAttestationVerifier.builder()
        .trustAnchors(List.of(keychain.attestationRoot()))
        .insecureSkipRevocationCheck()
        .policy(AttestationPolicy.builder().minSecurityLevel(SecurityLevel.SOFTWARE).build())
        .build();
  }

  private static void assertSoftwareAndTrusted(AndroidAttestationResult result) {
    assertThat(result.isTrusted()).as("verdict %s: %s", result.reason(), result.failedRule()).isTrue();
    assertThat(result.rootClass()).isEqualTo(RootClass.CUSTOM);
    assertThat(result.effectiveSecurityLevel()).hasValue(SecurityLevel.SOFTWARE);
    assertThat(result.attestationSecurityLevel()).hasValue(SecurityLevel.SOFTWARE);
    assertThat(result.keyMintSecurityLevel()).hasValue(SecurityLevel.SOFTWARE);
    KeyDescription description = result.keyDescription().orElseThrow();
    assertThat(description.attestationVersion()).isEqualTo(400);
    assertThat(description.keyMintVersion()).isEqualTo(400);
    assertThat(description.attestationChallenge()).isEqualTo(CHALLENGE);
    assertThat(description.hardwareEnforced().tags()).isEmpty();
    assertThat(description.softwareEnforced().rootOfTrust()).isEmpty();
    assertThat(description.warnings()).isEmpty();
  }

  private static void assertApplication(AndroidAttestationResult result) {
    AttestationApplicationId id = result.applicationId().orElseThrow();
    assertThat(id.packages()).containsExactly(new AttestationApplicationId.PackageInfo("com.example.payments", 42));
    assertThat(id.signatureDigests()).hasSize(1);
    assertThat(id.signatureDigests().get(0)).isEqualTo(digest(0x11));
  }

  static byte[] digest(int fill) {
    byte[] digest = new byte[32];
    java.util.Arrays.fill(digest, (byte) fill);
    return digest;
  }

}
