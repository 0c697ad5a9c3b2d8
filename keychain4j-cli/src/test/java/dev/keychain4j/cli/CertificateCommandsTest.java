package dev.keychain4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CSRs checked by {@code openssl req -verify}, and certificates issued by a throwaway openssl CA. */
class CertificateCommandsTest {
  @TempDir Path temp;

  private TestKeychain keychain;

  @BeforeEach
  void createKeychain() throws Exception {
    keychain = TestKeychain.create(temp);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ec-p256", "ec-p384", "ed25519", "rsa-2048"})
  void csrVerifiesWithOpenssl(String algorithm) throws Exception {
    keychain.ok("generate", "--tag", "k", "--algorithm", algorithm, "--purpose", "sign");

    writeCsr("k", "CN=api.example.com,O=Example Org", "req.pem");

    Openssl.Result verified = Openssl.ok(temp, "req", "-in", "req.pem", "-verify", "-noout");
    assertThat(verified.stdout() + verified.stderr()).contains("verify OK");
    Openssl.Result subject = Openssl.ok(temp, "req", "-in", "req.pem", "-noout", "-subject", "-nameopt", "RFC2253");
    assertThat(subject.stdout()).contains("CN=api.example.com").contains("O=Example Org");
    Openssl.Result publicKey = Openssl.ok(temp, "req", "-in", "req.pem", "-noout", "-pubkey");
    assertThat(publicKey.stdout()).isEqualTo(keychain.ok("export-public", "--tag", "k").stdout());
  }

  /** RFC 4514 lists the last RDN first, so openssl's RFC 2253 output must repeat the string given. */
  @Test
  void csrSubjectKeepsRfc4514Order() throws Exception {
    keychain.ok("generate", "--tag", "k", "--algorithm", "ec-p256", "--purpose", "sign");

    writeCsr("k", "CN=api.example.com,O=Example Org", "req.pem");

    Openssl.Result subject = Openssl.ok(temp, "req", "-in", "req.pem", "-noout", "-subject", "-nameopt", "RFC2253");
    assertThat(subject.stdout().strip()).isEqualTo("subject=CN=api.example.com,O=Example Org");
  }

  @Test
  void issuedCertificateImportsAndExportsByteForByte() throws Exception {
    keychain.ok("generate", "--tag", "server", "--algorithm", "ec-p256", "--purpose", "sign");
    writeCsr("server", "CN=server.example", "req.pem");
    createCa();
    issue("req.pem", "leaf.pem");

    CliResult imported = keychain.run("import-cert", "--tag", "server", path("leaf.pem"));
    CliResult exported = keychain.run("export-cert", "--tag", "server");

    assertThat(imported.exitCode()).as("%s", imported).isZero();
    assertThat(exported.exitCode()).as("%s", exported).isZero();
    assertThat(exported.stdout()).isEqualTo(Files.readString(temp.resolve("leaf.pem")));
    Openssl.ok(temp, "x509", "-in", "leaf.pem", "-outform", "DER", "-out", "leaf.der");
    List<PemBlock> blocks = Pem.decode(exported.stdout(), "export-cert output");
    assertThat(blocks).hasSize(1);
    assertThat(blocks.get(0).der()).isEqualTo(Files.readAllBytes(temp.resolve("leaf.der")));
    assertThat(keychain.ok("show", "--tag", "server").stdout()).contains("Certificate chain: yes");
    assertThat(keychain.ok("list", "--class", "identity").stdout()).contains("server");
  }

  @Test
  void chainImportsLeafFirstAndExportsWhole() throws Exception {
    keychain.ok("generate", "--tag", "server", "--algorithm", "rsa-2048", "--purpose", "sign");
    writeCsr("server", "CN=server.example", "req.pem");
    createCa();
    issue("req.pem", "leaf.pem");
    String chain = Files.readString(temp.resolve("leaf.pem")) + Files.readString(temp.resolve("ca.pem"));
    Files.writeString(temp.resolve("chain.pem"), chain);

    keychain.ok("import-cert", "--tag", "server", path("chain.pem"));
    CliResult exported = keychain.ok("export-cert", "--tag", "server");

    assertThat(exported.stdout()).isEqualTo(chain);
    Openssl.ok(temp, "verify", "-CAfile", "ca.pem", "leaf.pem");
  }

  @Test
  void exportCertWithoutChainFails() throws Exception {
    keychain.ok("generate", "--tag", "bare", "--algorithm", "ec-p256", "--purpose", "sign");

    CliResult result = keychain.run("export-cert", "--tag", "bare");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("bare").contains("import-cert");
    assertThat(result.stdout()).isEmpty();
  }

  private void writeCsr(String tag, String subject, String file) throws Exception {
    CliResult csr = keychain.ok("csr", "--tag", tag, "--subject", subject);
    assertThat(csr.stdout()).startsWith("-----BEGIN CERTIFICATE REQUEST-----\n").endsWith("-----END CERTIFICATE REQUEST-----\n");
    Files.writeString(temp.resolve(file), csr.stdout());
  }

  /** Creates a throwaway self-signed CA: ca.key and ca.pem. */
  private void createCa() throws Exception {
    Openssl.ok(
        temp,
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=keychain4j test CA", "-days", "2");
  }

  private void issue(String request, String certificate) throws Exception {
    Openssl.ok(
        temp,
        "x509", "-req", "-in", request, "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", certificate, "-days", "1");
  }

  private String path(String name) {
    return temp.resolve(name).toString();
  }
}
