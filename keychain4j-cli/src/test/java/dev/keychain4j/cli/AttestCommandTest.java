package dev.keychain4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keychain4j.attestation.android.AndroidAttestationResult;
import dev.keychain4j.attestation.android.AndroidAttestationVerifier;
import dev.keychain4j.attestation.android.AttestationPolicy;
import dev.keychain4j.attestation.android.SecurityLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code attest} and {@code export-attestation-root}, checked by openssl and the Android verifier. */
class AttestCommandTest {
  static final String CHALLENGE_HEX = "00112233445566778899aabbccddeeff";

  @TempDir Path temp;

  private TestKeychain keychain;

  @BeforeEach
  void createKeychain() throws Exception {
    keychain = TestKeychain.create(temp);
  }

  @Test
  void chainVerifiesWithOpenssl() throws Exception {
    keychain.ok("generate", "--tag", "k", "--algorithm", "ec-p256", "--purpose", "sign");

    List<PemBlock> chain = attest("--tag", "k", "--challenge-hex", CHALLENGE_HEX);

    assertThat(chain).hasSize(3);
    writeFiles(chain);
    Openssl.Result verified =
        Openssl.ok(temp, "verify", "-CAfile", "root.pem", "-untrusted", "intermediates.pem", "leaf.pem");
    assertThat(verified.stdout()).contains("leaf.pem: OK");
  }

  @Test
  void androidVerifierAcceptsWithExportedRoot() throws Exception {
    keychain.ok("generate", "--tag", "k", "--algorithm", "rsa-2048", "--purpose", "sign");
    String root = keychain.ok("export-attestation-root").stdout();
    String chain = keychain.ok("attest", "--tag", "k", "--challenge-hex", CHALLENGE_HEX).stdout();
    AndroidAttestationVerifier verifier =
        AndroidAttestationVerifier.builder()
            .trustAnchorsPem(root)
            .insecureSkipRevocationCheck()
            .expectedChallenge(HexFormat.of().parseHex(CHALLENGE_HEX))
            .policy(AttestationPolicy.builder().minSecurityLevel(SecurityLevel.SOFTWARE).build())
            .build();

    AndroidAttestationResult result = verifier.verifyPem(chain);

    assertThat(result.isTrusted()).as("%s %s", result.reason(), result.failedRule()).isTrue();
    assertThat(result.effectiveSecurityLevel()).hasValue(SecurityLevel.SOFTWARE);
    assertThat(result.keyDescription().orElseThrow().softwareEnforced().keySize()).hasValue(2048);
  }

  @Test
  void attestKeyChainVerifiesWithOpenssl() throws Exception {
    keychain.ok("generate", "--tag", "ak", "--algorithm", "ec-p256", "--purpose", "attest-key");
    keychain.ok("generate", "--tag", "k", "--algorithm", "ed25519", "--purpose", "sign");

    List<PemBlock> chain = attest("--tag", "k", "--challenge-hex", "", "--attest-key", "ak");

    assertThat(chain).hasSize(4);
    writeFiles(chain);
    Openssl.ok(temp, "verify", "-CAfile", "root.pem", "-untrusted", "intermediates.pem", "leaf.pem");
  }

  @Test
  void challengeOver128BytesIsUsageError() {
    keychain.ok("generate", "--tag", "k", "--algorithm", "ec-p256", "--purpose", "sign");

    CliResult result = keychain.run("attest", "--tag", "k", "--challenge-hex", "ab".repeat(129));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("129 bytes");
    assertThat(result.stdout()).isEmpty();
  }

  @Test
  void invalidHexIsUsageError() {
    keychain.ok("generate", "--tag", "k", "--algorithm", "ec-p256", "--purpose", "sign");

    CliResult result = keychain.run("attest", "--tag", "k", "--challenge-hex", "xyz");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("--challenge-hex");
  }

  @Test
  void missingKeyFails() {
    CliResult result = keychain.run("attest", "--tag", "absent", "--challenge-hex", "00");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("absent");
  }

  private List<PemBlock> attest(String... args) throws Exception {
    String[] full = new String[args.length + 1];
    full[0] = "attest";
    System.arraycopy(args, 0, full, 1, args.length);
    return Pem.decode(keychain.ok(full).stdout(), "attest output");
  }

  /** Writes root.pem from export-attestation-root, and the chain's leaf and intermediates. */
  private void writeFiles(List<PemBlock> chain) throws Exception {
    String root = keychain.ok("export-attestation-root").stdout();
    assertThat(Pem.decode(root, "root").get(0).der()).isEqualTo(chain.get(chain.size() - 1).der());
    Files.writeString(temp.resolve("root.pem"), root);
    Files.writeString(temp.resolve("leaf.pem"), Pem.encode(CryptoFiles.CERTIFICATE, chain.get(0).der()));
    StringBuilder intermediates = new StringBuilder();
    for (PemBlock block : chain.subList(1, chain.size() - 1)) {
      intermediates.append(Pem.encode(CryptoFiles.CERTIFICATE, block.der()));
    }
    Files.writeString(temp.resolve("intermediates.pem"), intermediates);
  }
}
