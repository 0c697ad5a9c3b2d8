package dev.keychain4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code keychain attestation apple} and {@code apple-assertion} on a real App Attest sample.
 */
class AppleAttestationCommandTest {
  // The sample lives in the attestation module's test resources; Surefire runs in this module's
  // directory.
  private static final Path SAMPLE =
      Path.of(
          "..",
          "keychain4j-attestation",
          "src",
          "test",
          "resources",
          "apple",
          "app-attest-production-sample.json");

  private static final Set<String> ATTESTATION_FIELDS =
      Set.of(
          "verdict",
          "reason",
          "keyId",
          "publicKeyPem",
          "counter",
          "environment",
          "appId",
          "receipt");

  @TempDir Path directory;

  private JsonNode sample;
  private Path attestationFile;
  private Path assertionFile;

  /** The exit code and the captured standard output and error of one run. */
  record Run(int exitCode, String out, String err) {
    JsonNode json() throws IOException {
      return new ObjectMapper().readTree(out);
    }
  }

  @BeforeEach
  void writeSampleFiles() throws IOException {
    assertThat(SAMPLE).as("sample file, read from the attestation module").exists();
    sample = new ObjectMapper().readTree(SAMPLE.toFile());
    attestationFile = directory.resolve("attestation.cbor");
    Files.write(
        attestationFile, Base64.getDecoder().decode(sample.get("attestationObject").asText()));
    assertionFile = directory.resolve("assertion.cbor");
    Files.write(assertionFile, Base64.getDecoder().decode(sample.get("assertion").asText()));
  }

  private static Run run(String... args) {
    CliResult result = Cli.withoutTerminal().run(args);
    return new Run(result.exitCode(), result.stdout(), result.stderr());
  }

  private List<String> attestationArgs(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "attestation", "apple",
                "--attestation", attestationFile.toString(),
                "--key-id", sample.get("keyId").asText(),
                "--app-id", sample.get("appId").asText(),
                "--at", sample.get("verifyAt").asText()));
    args.addAll(List.of(extra));
    return args;
  }

  private Run attest(String... extra) {
    return run(attestationArgs(extra).toArray(String[]::new));
  }

  private String challenge() {
    return sample.get("challengeUtf8").asText();
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void attestationTrustedAsJson() throws Exception {
    Run run = attest("--challenge-text", challenge(), "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = run.json();
    assertThat(fieldNames(json)).isEqualTo(new TreeSet<>(ATTESTATION_FIELDS));
    assertThat(json.get("verdict").asText()).isEqualTo("TRUSTED");
    assertThat(json.get("reason").isNull()).isTrue();
    assertThat(json.get("keyId").asText()).isEqualTo(sample.get("keyId").asText());
    assertThat(json.get("publicKeyPem").asText()).startsWith("-----BEGIN PUBLIC KEY-----\n");
    assertThat(json.get("counter").asLong()).isZero();
    assertThat(json.get("environment").asText()).isEqualTo("production");
    assertThat(json.get("appId").asText()).isEqualTo(sample.get("appId").asText());
    assertThat(Base64.getDecoder().decode(json.get("receipt").asText())).hasSizeGreaterThan(1000);
  }

  @Test
  void challengeHexGivesSameVerdict() throws Exception {
    String hex = HexFormat.of().formatHex(challenge().getBytes(StandardCharsets.UTF_8));

    Run run = attest("--challenge-hex", hex, "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.json().get("verdict").asText()).isEqualTo("TRUSTED");
  }

  @Test
  void clientDataHashUsedAsGiven() throws Exception {
    byte[] hash = AppleAttestationCommand.sha256(challenge().getBytes(StandardCharsets.UTF_8));

    Run run = attest("--client-data-hash-b64", Base64.getEncoder().encodeToString(hash), "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  @Test
  void base64FileIsAccepted() throws Exception {
    Files.writeString(attestationFile, sample.get("attestationObject").asText() + "\n");

    Run run = attest("--challenge-text", challenge());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("TRUSTED");
  }

  @Test
  void otherChallengeRejected() throws Exception {
    Run run = attest("--challenge-text", "another challenge", "--json");

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode json = run.json();
    assertThat(fieldNames(json)).isEqualTo(new TreeSet<>(ATTESTATION_FIELDS));
    assertThat(json.get("verdict").asText()).isEqualTo("REJECTED");
    assertThat(json.get("reason").asText()).isEqualTo("NONCE_MISMATCH");
    assertThat(json.get("publicKeyPem").isNull()).isTrue();
    assertThat(run.err()).contains("nonce");
  }

  @Test
  void developmentEnvironmentRejected() throws Exception {
    Run run = attest("--challenge-text", challenge(), "--environment", "development", "--json");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.json().get("reason").asText()).isEqualTo("AAGUID_MISMATCH");
    assertThat(run.json().get("environment").asText()).isEqualTo("development");
  }

  @Test
  void otherAppIdRejected() throws Exception {
    List<String> args = attestationArgs("--challenge-text", challenge(), "--json");
    args.set(args.indexOf("--app-id") + 1, "8YE23NZS57.com.kayak.other");

    Run run = run(args.toArray(String[]::new));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.json().get("reason").asText()).isEqualTo("RP_ID_MISMATCH");
  }

  @Test
  void instantAfterExpiryRejected() throws Exception {
    List<String> args = attestationArgs("--challenge-text", challenge(), "--json");
    args.set(args.indexOf("--at") + 1, "2020-10-01T00:00:00Z");

    Run run = run(args.toArray(String[]::new));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.json().get("reason").asText()).isEqualTo("CERTIFICATE_EXPIRED");
  }

  @Test
  void textOutputNamesReason() {
    Run run = attest("--challenge-text", "another challenge");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).startsWith("REJECTED: NONCE_MISMATCH: ");
  }

  @Test
  void missingChallengeIsUsageError() {
    Run run = attest("--json");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--challenge-text");
  }

  @Test
  void twoChallengesIsUsageError() {
    Run run = attest("--challenge-text", "a", "--challenge-hex", "00");

    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void missingFileIsUsageError() {
    List<String> args = attestationArgs("--challenge-text", challenge());
    args.set(args.indexOf("--attestation") + 1, directory.resolve("missing.cbor").toString());

    Run run = run(args.toArray(String[]::new));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("could not read --attestation");
  }

  @Test
  void invalidInputsAreUsageErrors() {
    assertThat(attest("--challenge-hex", "zz").exitCode()).isEqualTo(2);
    assertThat(attest("--client-data-hash-b64", "AAAA").exitCode()).isEqualTo(2);
    assertThat(attest("--challenge-text", challenge(), "--environment", "staging").exitCode())
        .isEqualTo(2);

    List<String> badInstant = attestationArgs("--challenge-text", challenge());
    badInstant.set(badInstant.indexOf("--at") + 1, "yesterday");
    assertThat(run(badInstant.toArray(String[]::new)).exitCode()).isEqualTo(2);

    List<String> badKeyId = attestationArgs("--challenge-text", challenge());
    badKeyId.set(badKeyId.indexOf("--key-id") + 1, "not base64!");
    assertThat(run(badKeyId.toArray(String[]::new)).exitCode()).isEqualTo(2);

    List<String> badAppId = attestationArgs("--challenge-text", challenge());
    badAppId.set(badAppId.indexOf("--app-id") + 1, "no-dot");
    assertThat(run(badAppId.toArray(String[]::new)).exitCode()).isEqualTo(2);
  }

  @Test
  void garbageAttestationRejectedAsMalformed() throws Exception {
    Files.write(attestationFile, new byte[] {(byte) 0xa1, 0x01});

    Run run = attest("--challenge-text", challenge(), "--json");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.json().get("reason").asText()).isEqualTo("MALFORMED_ATTESTATION_OBJECT");
  }

  private Path publicKeyFile() throws IOException {
    Run attested = attest("--challenge-text", challenge(), "--json");
    assertThat(attested.exitCode()).as(attested.err()).isZero();
    Path pem = directory.resolve("key.pem");
    Files.writeString(pem, attested.json().get("publicKeyPem").asText());
    return pem;
  }

  private Run assertWith(String publicKey, String previousCounter, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "attestation",
                "apple-assertion",
                "--assertion",
                assertionFile.toString(),
                "--public-key",
                publicKey,
                "--previous-counter",
                previousCounter,
                "--app-id",
                sample.get("appId").asText()));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  @Test
  void assertionTrustedAfterAttestation() throws Exception {
    Path pem = publicKeyFile();

    Run run =
        assertWith(
            pem.toString(),
            "0",
            "--challenge-text",
            sample.get("assertionClientDataUtf8").asText(),
            "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = run.json();
    assertThat(fieldNames(json)).containsExactlyInAnyOrder("verdict", "reason", "counter");
    assertThat(json.get("verdict").asText()).isEqualTo("TRUSTED");
    assertThat(json.get("counter").asLong()).isEqualTo(1);
  }

  @Test
  void assertionAcceptsInlinePem() throws Exception {
    String pem = Files.readString(publicKeyFile());

    Run run =
        assertWith(pem, "0", "--challenge-text", sample.get("assertionClientDataUtf8").asText());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("TRUSTED");
  }

  @Test
  void assertionReplayRejected() throws Exception {
    Path pem = publicKeyFile();

    Run run =
        assertWith(
            pem.toString(),
            "1",
            "--challenge-text",
            sample.get("assertionClientDataUtf8").asText(),
            "--json");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.json().get("verdict").asText()).isEqualTo("REJECTED");
    assertThat(run.json().get("reason").asText()).isEqualTo("COUNTER_NOT_INCREASED");
  }

  @Test
  void assertionOtherChallengeRejected() throws Exception {
    Path pem = publicKeyFile();

    Run run = assertWith(pem.toString(), "0", "--challenge-text", "other", "--json");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.json().get("reason").asText()).isEqualTo("SIGNATURE_INVALID");
  }

  @Test
  void assertionBadInputsAreUsageErrors() throws Exception {
    Path pem = publicKeyFile();
    String challenge = sample.get("assertionClientDataUtf8").asText();

    assertThat(
            assertWith(
                    "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
                    "0",
                    "--challenge-text",
                    challenge)
                .exitCode())
        .isEqualTo(2);
    assertThat(
            assertWith(directory.resolve("none.pem").toString(), "0", "--challenge-text", challenge)
                .exitCode())
        .isEqualTo(2);
    assertThat(assertWith(pem.toString(), "-1", "--challenge-text", challenge).exitCode())
        .isEqualTo(2);
    assertThat(assertWith(pem.toString(), "x", "--challenge-text", challenge).exitCode())
        .isEqualTo(2);
  }
}
