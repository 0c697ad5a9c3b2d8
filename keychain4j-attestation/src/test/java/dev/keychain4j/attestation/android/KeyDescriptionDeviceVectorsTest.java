package dev.keychain4j.attestation.android;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keychain4j.attestation.android.internal.KeyDescriptionJson;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parses the leaf of every real device chain and compares each field with the expected JSON beside
 * the chain.
 */
class KeyDescriptionDeviceVectorsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static Stream<Path> deviceChains() {
    return TestChains.pemFiles("devices").stream();
  }

  @Test
  void deviceDirectoryHoldsAllChains() {
    assertThat(TestChains.pemFiles("devices")).hasSize(10);
  }

  @ParameterizedTest
  @MethodSource("deviceChains")
  void parsedFieldsEqualExpectedJson(Path pemFile) throws Exception {
    Path expectedFile = Path.of(pemFile.toString().replaceAll("\\.pem$", ".json"));
    JsonNode expected = MAPPER.readTree(expectedFile.toFile());
    List<X509Certificate> chain = TestChains.chain(pemFile);

    KeyDescription description = KeyDescription.fromCertificate(chain.get(0)).orElseThrow();
    JsonNode actual = KeyDescriptionJson.toJson(description);

    List<String> differences = new ArrayList<>();
    compare("", expected, actual, differences);
    assertThat(differences).as("fields that differ from %s", expectedFile.getFileName()).isEmpty();
    assertThat(description.warnings()).isEmpty();
  }

  @Test
  void typedAccessorsMatchAkitaRsaUserAuth() throws IOException, KeyDescriptionParseException {
    List<X509Certificate> chain = TestChains.chain("devices/akita/sdk34/TEE_RSA_NONE_USERAUTH.pem");
    KeyDescription description = KeyDescription.parse(TestChains.leafExtension(chain));

    assertThat(description.attestationVersion()).isEqualTo(300);
    assertThat(description.attestationSecurityLevel()).isEqualTo(SecurityLevel.TRUSTED_ENVIRONMENT);
    assertThat(description.attestationChallenge()).isEqualTo(TestChains.CHALLENGE);
    AuthorizationList hardware = description.hardwareEnforced();
    assertThat(hardware.purposes()).containsExactly(2);
    assertThat(hardware.algorithm()).hasValue(1);
    assertThat(hardware.keySize()).hasValue(2048);
    assertThat(hardware.integer(KeyMintTag.AUTH_TIMEOUT)).hasValue(2147483647L);
    assertThat(hardware.flag(KeyMintTag.TRUSTED_USER_PRESENCE_REQUIRED)).isTrue();
    assertThat(hardware.flag(KeyMintTag.NO_AUTH_REQUIRED)).isFalse();
    assertThat(hardware.osVersion()).hasValue(140000);
    assertThat(hardware.osPatchLevel()).hasValue(202408);
    assertThat(hardware.vendorPatchLevel()).hasValue(20240805);
    RootOfTrust root = hardware.rootOfTrust().orElseThrow();
    assertThat(root.deviceLocked()).isFalse();
    assertThat(root.verifiedBootState()).isEqualTo(VerifiedBootState.UNVERIFIED);
    assertThat(root.verifiedBootHash()).isPresent();
    AttestationApplicationId app =
        description.softwareEnforced().attestationApplicationId().orElseThrow();
    assertThat(app.packages())
        .containsExactly(
            new AttestationApplicationId.PackageInfo(
                "com.google.wireless.android.security.attestationverifier.collector", 0));
    assertThat(app.signatureDigests()).hasSize(1);
  }

  @Test
  void marlinVersion2HasNoRootOfTrust() throws Exception {
    List<X509Certificate> chain = TestChains.chain("devices/marlin/sdk29/TEE_EC_NONE.pem");
    KeyDescription description = KeyDescription.parse(TestChains.leafExtension(chain));

    assertThat(description.attestationVersion()).isEqualTo(2);
    assertThat(description.attestationSecurityLevel()).isEqualTo(SecurityLevel.SOFTWARE);
    assertThat(description.hardwareEnforced().rootOfTrust()).isEmpty();
    assertThat(description.hardwareEnforced().flag(KeyMintTag.ROLLBACK_RESISTANT)).isTrue();
  }

  /** Records every path where the two trees differ: missing, extra or different values. */
  private static void compare(String path, JsonNode expected, JsonNode actual, List<String> out) {
    if (expected.isObject() && actual.isObject()) {
      for (Map.Entry<String, JsonNode> field : expected.properties()) {
        JsonNode other = actual.get(field.getKey());
        if (other == null) {
          out.add(path + "." + field.getKey() + " is missing");
        } else {
          compare(path + "." + field.getKey(), field.getValue(), other, out);
        }
      }
      for (Map.Entry<String, JsonNode> field : actual.properties()) {
        String name = field.getKey();
        if (!expected.has(name)) {
          out.add(path + "." + name + " is not expected (value " + actual.get(name) + ")");
        }
      }
    } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
      for (int i = 0; i < expected.size(); i++) {
        compare(path + "[" + i + "]", expected.get(i), actual.get(i), out);
      }
    } else if (!expected.equals(actual)) {
      out.add(path + ": expected " + expected + ", got " + actual);
    }
  }
}
