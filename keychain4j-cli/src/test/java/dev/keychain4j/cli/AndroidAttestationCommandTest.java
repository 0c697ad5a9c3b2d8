package dev.keychain4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code keychain attestation android} in process on the real device chains. */
class AndroidAttestationCommandTest {
  /** The chains live in the attestation module's test resources; tests run from the module. */
  private static final Path DATA =
      Path.of("..", "keychain4j-attestation", "src", "test", "resources", "android")
          .toAbsolutePath()
          .normalize();

  private static final String TEE_SAMPLE =
      DATA.resolve("google-sample-chains/algorithm_EC_SecurityLevel_TEE.pem").toString();
  private static final String STRONGBOX_SAMPLE =
      DATA.resolve("google-sample-chains/algorithm_RSA_SecurityLevel_StrongBox.pem").toString();
  private static final String BLUELINE =
      DATA.resolve("devices/blueline/sdk28/TEE_EC_NONE.pem").toString();
  private static final String AKITA =
      DATA.resolve("devices/akita/sdk34/TEE_EC_NONE.pem").toString();
  private static final String MARLIN =
      DATA.resolve("devices/marlin/sdk29/TEE_EC_NONE.pem").toString();
  /** The SHA-256 signing-certificate digest in the blueline chain's application ID. */
  private static final String BLUELINE_SIGNING_DIGEST =
      "103938ee4537e59e8ee792f654504fb8346fc6b346d0bbc4415fc339fcfc8ec1";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private record Run(int exitCode, String out, String err) {
    JsonNode json() throws IOException {
      return MAPPER.readTree(out);
    }
  }

  private static Run run(String... args) {
    String[] full = new String[args.length + 2];
    full[0] = "attestation";
    full[1] = "android";
    System.arraycopy(args, 0, full, 2, args.length);
    CliResult result = Cli.withoutTerminal().run(full);
    return new Run(result.exitCode(), result.stdout(), result.stderr());
  }

  @Test
  void teeSampleTrustedWithReport() {
    Run run = run(TEE_SAMPLE);

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out()).contains("Verdict:         TRUSTED");
    assertThat(run.out()).contains("Root:            GOOGLE_HARDWARE");
    assertThat(run.out()).contains("REVOCATION_NOT_CHECKED");
  }

  @Test
  void strongBoxSampleRejectedAsUntrustedRoot() throws IOException {
    Run run = run(STRONGBOX_SAMPLE, "--json");

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode json = run.json();
    assertThat(json.get("verdict").asText()).isEqualTo("REJECTED");
    assertThat(json.get("reason").asText()).isEqualTo("UNTRUSTED_ROOT");
    assertThat(json.get("rootClass").asText()).isEqualTo("UNTRUSTED");
    assertThat(json.get("certificateIndex").asInt()).isEqualTo(3);
  }

  @Test
  void jsonKeyDescriptionMatchesExpectedFile() throws IOException {
    Run run = run(BLUELINE, "--json", "--challenge-text", "challenge");

    assertThat(run.exitCode()).isEqualTo(0);
    JsonNode json = run.json();
    JsonNode expected =
        MAPPER.readTree(DATA.resolve("devices/blueline/sdk28/TEE_EC_NONE.json").toFile());
    assertThat(json.get("keyDescription")).isEqualTo(expected);
    assertThat(json.get("verdict").asText()).isEqualTo("TRUSTED");
    assertThat(json.get("reason").asText()).isEqualTo("OK");
    assertThat(json.get("provisioning").asText()).isEqualTo("FACTORY");
    assertThat(json.get("warnings").get(0).get("code").asText())
        .isEqualTo("REVOCATION_NOT_CHECKED");
    assertThat(json.at("/keyDescription/hardwareEnforced/rootOfTrust/deviceLocked").asBoolean())
        .isFalse();
  }

  @Test
  void challengeHexAccepted() {
    Run run = run(BLUELINE, "--challenge-hex", "6368616c6c656e6765");

    assertThat(run.exitCode()).isEqualTo(0);
  }

  @Test
  void wrongChallengeRejected() throws IOException {
    Run run = run(BLUELINE, "--challenge-text", "other", "--json");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.json().get("reason").asText()).isEqualTo("CHALLENGE_MISMATCH");
  }

  @Test
  void remoteChainDependsOnInstant() throws IOException {
    Run atCapture = run(AKITA, "--at", "2024-09-20T00:00:00Z", "--json");
    Run now = run(AKITA, "--json", "--at", "2026-12-01T00:00:00Z");

    assertThat(atCapture.exitCode()).isEqualTo(0);
    assertThat(atCapture.json().get("provisioning").asText()).isEqualTo("REMOTE");
    assertThat(now.exitCode()).isEqualTo(1);
    assertThat(now.json().get("reason").asText()).isEqualTo("CERTIFICATE_EXPIRED");
  }

  @Test
  void marlinNeedsSoftwareLevel() throws IOException {
    Run strict = run(MARLIN, "--json");
    Run software = run(MARLIN, "--json", "--min-security-level", "SOFTWARE");

    assertThat(strict.exitCode()).isEqualTo(1);
    assertThat(strict.json().get("reason").asText()).isEqualTo("SOFTWARE_ROOT");
    assertThat(software.exitCode()).isEqualTo(0);
    assertThat(software.json().get("rootClass").asText()).isEqualTo("GOOGLE_SOFTWARE");
  }

  @Test
  void customRootsTrustStrongBoxSample(@TempDir Path directory) throws IOException {
    String pem = Files.readString(Path.of(STRONGBOX_SAMPLE));
    Matcher matcher =
        Pattern.compile("-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----").matcher(pem);
    String root = null;
    while (matcher.find()) {
      root = matcher.group();
    }
    Path roots = directory.resolve("roots.pem");
    Files.writeString(roots, root + "\n");

    Run run =
        run(
            STRONGBOX_SAMPLE,
            "--roots",
            roots.toString(),
            "--at",
            "2026-12-01T00:00:00Z",
            "--json");

    assertThat(run.exitCode()).as(run.out()).isEqualTo(0);
    assertThat(run.json().get("rootClass").asText()).isEqualTo("CUSTOM");
  }

  @Test
  void revocationFileRejectsListedSerial(@TempDir Path directory) throws IOException {
    // Serial 0388266760658996859E is the blueline TEE EC chain's factory intermediate.
    Path list = directory.resolve("status.json");
    Files.writeString(
        list,
        "{\"entries\":{\"388266760658996859e\":{\"status\":\"REVOKED\",\"reason\":\"KEY_COMPROMISE\"}}}");

    Run run = run(BLUELINE, "--revocations", list.toString(), "--json");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.json().get("reason").asText()).isEqualTo("REVOKED");
    assertThat(run.json().get("certificateIndex").asInt()).isEqualTo(2);
  }

  @Test
  void sampleRevocationListKeepsChainTrusted() {
    Run run =
        run(
            BLUELINE,
            "--revocations",
            DATA.resolve("revocation-status-sample.json").toString(),
            "--strict");

    assertThat(run.exitCode()).as(run.out()).isEqualTo(0);
    assertThat(run.out()).doesNotContain("REVOCATION_NOT_CHECKED");
  }

  @Test
  void uncheckedChallengeAndBootStateWarn() throws IOException {
    Run run = run(TEE_SAMPLE, "--json");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    List<String> codes = new ArrayList<>();
    run.json().get("warnings").forEach(warning -> codes.add(warning.get("code").asText()));
    assertThat(codes)
        .contains("CHALLENGE_NOT_CHECKED", "BOOTLOADER_UNLOCKED", "BOOT_NOT_VERIFIED");
  }

  @Test
  void reportPrintsUncheckedWarnings() {
    Run run = run(TEE_SAMPLE);

    assertThat(run.out()).contains("Warning:         CHALLENGE_NOT_CHECKED");
    assertThat(run.out()).contains("Warning:         BOOTLOADER_UNLOCKED");
    assertThat(run.out()).contains("Warning:         BOOT_NOT_VERIFIED");
  }

  @Test
  void requireLockedBootloaderRejectsUnlockedDevice() throws IOException {
    Run run = run(TEE_SAMPLE, "--require-locked-bootloader", "--json");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.json().get("reason").asText()).isEqualTo("BOOTLOADER_UNLOCKED");
    assertThat(run.out()).doesNotContain("\"BOOT_NOT_VERIFIED\"");
  }

  @Test
  void minOsVersionChecked() throws IOException {
    Run below = run(BLUELINE, "--min-os-version", "140000", "--json");
    Run equal = run(BLUELINE, "--min-os-version", "90000", "--json");

    assertThat(below.exitCode()).isEqualTo(1);
    assertThat(below.json().get("reason").asText()).isEqualTo("OS_VERSION_TOO_LOW");
    assertThat(equal.exitCode()).as(equal.out()).isEqualTo(0);
  }

  @Test
  void minPatchLevelsChecked() throws IOException {
    Run os = run(BLUELINE, "--min-patch-level", "202001", "--json");
    Run vendor = run(BLUELINE, "--min-vendor-patch-level", "20190101", "--json");
    Run boot = run(BLUELINE, "--min-boot-patch-level", "20200101", "--json");
    Run met =
        run(
            BLUELINE,
            "--min-patch-level",
            "201908",
            "--min-vendor-patch-level",
            "20180831",
            "--min-boot-patch-level",
            "20190731");

    assertThat(os.exitCode()).isEqualTo(1);
    assertThat(os.json().get("reason").asText()).isEqualTo("PATCH_LEVEL_TOO_LOW");
    assertThat(vendor.exitCode()).isEqualTo(1);
    assertThat(vendor.json().get("reason").asText()).isEqualTo("PATCH_LEVEL_TOO_LOW");
    assertThat(boot.exitCode()).isEqualTo(1);
    assertThat(boot.json().get("reason").asText()).isEqualTo("PATCH_LEVEL_TOO_LOW");
    assertThat(met.exitCode()).as(met.out()).isEqualTo(0);
  }

  @Test
  void packageNamesChecked() throws IOException {
    Run other = run(BLUELINE, "--package", "com.example.other", "--json");
    Run listed =
        run(
            BLUELINE,
            "--package",
            "com.example.other",
            "--package",
            "com.google.wireless.android.security.attestationverifier.collector");

    assertThat(other.exitCode()).isEqualTo(1);
    assertThat(other.json().get("reason").asText()).isEqualTo("PACKAGE_NOT_ALLOWED");
    assertThat(listed.exitCode()).as(listed.out()).isEqualTo(0);
  }

  @Test
  void signingDigestsChecked() throws IOException {
    String zeros = "00".repeat(32);
    Run other = run(BLUELINE, "--signing-digest", zeros, "--json");
    Run listed =
        run(BLUELINE, "--signing-digest", zeros, "--signing-digest", BLUELINE_SIGNING_DIGEST);

    assertThat(other.exitCode()).isEqualTo(1);
    assertThat(other.json().get("reason").asText()).isEqualTo("SIGNING_DIGEST_NOT_ALLOWED");
    assertThat(listed.exitCode()).as(listed.out()).isEqualTo(0);
  }

  @Test
  void invalidPolicyOptionsExitTwo() {
    Run month = run(BLUELINE, "--min-patch-level", "2024");
    Run day = run(BLUELINE, "--min-vendor-patch-level", "202401");
    Run shortDigest = run(BLUELINE, "--signing-digest", "abcd");
    Run notHex = run(BLUELINE, "--signing-digest", "zz");
    Run negative = run(BLUELINE, "--min-os-version", "-1");

    assertThat(month.exitCode()).isEqualTo(2);
    assertThat(month.err()).contains("--min-patch-level 2024");
    assertThat(day.exitCode()).isEqualTo(2);
    assertThat(day.err()).contains("--min-vendor-patch-level 202401");
    assertThat(shortDigest.exitCode()).isEqualTo(2);
    assertThat(shortDigest.err()).contains("SHA-256");
    assertThat(notHex.exitCode()).isEqualTo(2);
    assertThat(negative.exitCode()).isEqualTo(2);
  }

  @Test
  void missingFileSaysNoSuchFile(@TempDir Path directory) {
    Path missing = directory.resolve("missing.pem");

    Run run = run(missing.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("cannot read " + missing + ": no such file");
  }

  @Test
  void binaryFileSaysNotPemText(@TempDir Path directory) throws IOException {
    Path binary = directory.resolve("att.cbor");
    Files.write(binary, new byte[] {(byte) 0xA3, 0x63, 0x66, 0x6D, 0x74, (byte) 0xFF});

    Run run = run(binary.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("att.cbor").contains("not PEM text");
    assertThat(run.err()).doesNotContain("Input length");
  }

  @Test
  void unreachableRevocationUrlNamesUrlAndCause() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort + "/status";

    Run run = run(BLUELINE, "--challenge-text", "challenge", "--revocations", url, "--json");

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode json = run.json();
    assertThat(json.get("reason").asText()).isEqualTo("REVOCATION_LIST_UNAVAILABLE");
    String rule = json.get("failedRule").asText();
    assertThat(rule).contains(url);
    assertThat(rule).contains("ConnectException");
    assertThat(rule).doesNotContain("null");
  }

  @Test
  void skippedRevocationWarnsOnlyInResult() throws Exception {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "attestation",
            "android",
            TEE_SAMPLE);
    Process process =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

    assertThat(process.exitValue()).as(err).isEqualTo(0);
    assertThat(out).contains("REVOCATION_NOT_CHECKED");
    assertThat(err).doesNotContain("without a revocation check");
  }

  @Test
  void badUsageExitsTwo(@TempDir Path directory) throws IOException {
    Path notPem = directory.resolve("not.pem");
    Files.writeString(notPem, "hello");

    assertThat(run(directory.resolve("missing.pem").toString()).exitCode()).isEqualTo(2);
    assertThat(run(notPem.toString()).exitCode()).isEqualTo(2);
    assertThat(run(BLUELINE, "--challenge-hex", "zz").exitCode()).isEqualTo(2);
    assertThat(run(BLUELINE, "--challenge-hex", "00", "--challenge-text", "x").exitCode())
        .isEqualTo(2);
    assertThat(run(BLUELINE, "--at", "yesterday").exitCode()).isEqualTo(2);
    assertThat(run(BLUELINE, "--revocations", directory.resolve("none.json").toString()).exitCode())
        .isEqualTo(2);
    assertThat(run().exitCode()).isEqualTo(2);
  }

  @Test
  void unreadableInputNamesTheFile(@TempDir Path directory) {
    Path missing = directory.resolve("missing.pem");

    Run run = run(missing.toString());

    assertThat(run.err()).contains("cannot read").contains("missing.pem");
  }
}
