package dev.keychain4j.attestation.android;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the verifier's signature verdicts against {@code openssl verify}, an independent
 * implementation, on the real chains and on copies with one signature byte flipped.
 */
class OpensslCrossCheckTest {
  @TempDir Path directory;

  static Stream<Path> hardwareChains() {
    return AndroidChainVerificationTest.hardwareChains();
  }

  @ParameterizedTest
  @MethodSource("hardwareChains")
  void opensslAgreesOnEachSignature(Path pemFile) throws Exception {
    AndroidAttestationVerifier verifier = TestChains.verifierAt(TestChains.AKITA_VALID).build();
    List<byte[]> der = TestChains.der(TestChains.chain(pemFile));

    assertThat(openssl(der)).as("openssl on the original chain").isTrue();
    assertThat(verifier.verifyDer(der).isTrusted()).isTrue();

    for (int index = 0; index < der.size(); index++) {
      List<byte[]> mutated = new ArrayList<>(der);
      byte[] certificate = der.get(index).clone();
      certificate[certificate.length - 1] ^= 0x01;
      mutated.set(index, certificate);

      assertThat(openssl(mutated)).as("openssl with certificate %d flipped", index).isFalse();
      assertThat(verifier.verifyDer(mutated).reason())
          .as("keychain4j with certificate %d flipped", index)
          .isEqualTo(ReasonCode.SIGNATURE_INVALID);
    }
  }

  /** Runs {@code openssl verify} with the chain's own root as the only trusted certificate. */
  private boolean openssl(List<byte[]> der) throws IOException, InterruptedException {
    Path leaf = write("leaf.pem", der.subList(0, 1));
    Path untrusted = write("untrusted.pem", der.subList(1, der.size() - 1));
    Path root = write("root.pem", der.subList(der.size() - 1, der.size()));
    List<String> command =
        new ArrayList<>(
            List.of(
                "openssl",
                "verify",
                // Also check the root's own signature, which openssl skips by default.
                "-check_ss_sig",
                "-attime",
                String.valueOf(TestChains.AKITA_VALID.getEpochSecond()),
                "-CAfile",
                root.toString()));
    if (der.size() > 2) {
      command.addAll(List.of("-untrusted", untrusted.toString()));
    }
    command.add(leaf.toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("openssl finished").isTrue();
    return process.exitValue() == 0;
  }

  private Path write(String name, List<byte[]> certificates) throws IOException {
    StringBuilder pem = new StringBuilder();
    for (byte[] certificate : certificates) {
      pem.append("-----BEGIN CERTIFICATE-----\n")
          .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate))
          .append("\n-----END CERTIFICATE-----\n");
    }
    Path file = directory.resolve(name);
    Files.writeString(file, pem, StandardCharsets.US_ASCII);
    return file;
  }
}
