package dev.keychain4j.attestation.apple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.keychain4j.attestation.apple.internal.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The openssl command line, an independent X.509 and ECDSA implementation, must reach the same
 * verdicts as the verifiers on the real sample: the chain at and after its validity, and the
 * assertion signature over SHA-256(authenticatorData || clientDataHash).
 */
class OpenSslCrossCheckTest {
  private final Sample sample = Sample.load();

  @TempDir Path directory;

  /** Exit code and combined output of one openssl run. */
  record Result(int exitCode, String output) {}

  private Result openssl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("openssl finished").isTrue();
    return new Result(process.exitValue(), output);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private Result verifyChainAt(Instant instant) throws Exception {
    JsonNode x5c = new CBORMapper().readTree(sample.attestationObject()).get("attStmt").get("x5c");
    Path leaf = directory.resolve("leaf.pem");
    Path intermediate = directory.resolve("intermediate.pem");
    Path root = directory.resolve("root.pem");
    Files.writeString(leaf, pem("CERTIFICATE", x5c.get(0).binaryValue()));
    Files.writeString(intermediate, pem("CERTIFICATE", x5c.get(1).binaryValue()));
    Files.writeString(
        root, pem("CERTIFICATE", AppAttestVerifier.appleRootCertificate().getEncoded()));
    return openssl(
        "verify",
        "-attime",
        Long.toString(instant.getEpochSecond()),
        "-CAfile",
        root.toString(),
        "-untrusted",
        intermediate.toString(),
        leaf.toString());
  }

  @Test
  void opensslTrustsChainAtVerifyInstant() throws Exception {
    Result result = verifyChainAt(sample.verifyAt());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(
            sample
                .verifier()
                .verifyAttestation(
                    sample.attestationObject(),
                    sample.keyId(),
                    sample.clientDataHash(),
                    sample.verifyAt())
                .counter())
        .isZero();
  }

  @Test
  void opensslRejectsChainAfterExpiry() throws Exception {
    Instant afterExpiry = Instant.parse("2020-10-01T00:00:00Z");

    Result result = verifyChainAt(afterExpiry);

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("expired");
    assertThatThrownBy(
            () ->
                sample
                    .verifier()
                    .verifyAttestation(
                        sample.attestationObject(),
                        sample.keyId(),
                        sample.clientDataHash(),
                        afterExpiry))
        .isInstanceOf(AppAttestException.class)
        .satisfies(
            e ->
                assertThat(((AppAttestException) e).reason())
                    .isEqualTo(AppAttestReason.CERTIFICATE_EXPIRED));
  }

  private Result verifyAssertionSignature(byte[] signature) throws Exception {
    AppAttestation attestation =
        sample
            .verifier()
            .verifyAttestation(
                sample.attestationObject(),
                sample.keyId(),
                sample.clientDataHash(),
                sample.verifyAt());
    JsonNode assertion = new CBORMapper().readTree(sample.assertion());
    byte[] nonce =
        Digests.sha256(
            assertion.get("authenticatorData").binaryValue(), sample.assertionClientDataHash());

    Path publicKey = directory.resolve("public.pem");
    Path signatureFile = directory.resolve("signature.der");
    Path data = directory.resolve("nonce.bin");
    Files.writeString(publicKey, pem("PUBLIC KEY", attestation.publicKey().getEncoded()));
    Files.write(signatureFile, signature);
    Files.write(data, nonce);
    return openssl(
        "dgst",
        "-sha256",
        "-verify",
        publicKey.toString(),
        "-signature",
        signatureFile.toString(),
        data.toString());
  }

  @Test
  void opensslVerifiesAssertionSignature() throws Exception {
    byte[] signature = new CBORMapper().readTree(sample.assertion()).get("signature").binaryValue();

    Result result = verifyAssertionSignature(signature);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("Verified OK");
  }

  @Test
  void opensslRejectsFlippedSignature() throws Exception {
    byte[] signature = new CBORMapper().readTree(sample.assertion()).get("signature").binaryValue();
    signature[signature.length - 1] ^= 0x01;

    Result result = verifyAssertionSignature(signature);

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("Verification failure");
  }
}
