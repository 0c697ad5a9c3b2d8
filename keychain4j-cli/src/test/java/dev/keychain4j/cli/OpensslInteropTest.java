package dev.keychain4j.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@code keychain} signs, decrypts and agrees must match what openssl computes independently. */
class OpensslInteropTest {
  private static final byte[] MESSAGE = "keychain4j interop message\n".getBytes(UTF_8);

  @TempDir Path temp;

  private TestKeychain keychain;

  @BeforeEach
  void createKeychain() throws Exception {
    keychain = TestKeychain.create(temp);
    Files.write(temp.resolve("msg"), MESSAGE);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
    "ec-p256, sha256, ''",
    "ec-p384, sha256, ''",
    "ec-p384, sha384, ''",
    "ec-p521, sha512, ''",
    "rsa-2048, sha256, pkcs1",
    "rsa-2048, sha256, pss",
    "rsa-2048, sha512, pss"
  })
  void signatureVerifiesWithOpensslDgst(String algorithm, String digest, String padding) throws Exception {
    keychain.ok("generate", "--tag", "k", "--algorithm", algorithm, "--purpose", "sign,verify");
    exportPublic("k", "pub.pem");

    List<String> sign = new ArrayList<>(List.of("sign", "--tag", "k", "--in", path("msg"), "--out", path("sig"), "--digest", digest));
    if (!padding.isEmpty()) {
      sign.addAll(List.of("--padding", padding));
    }
    keychain.ok(sign.toArray(String[]::new));

    List<String> verify = new ArrayList<>(List.of("dgst", "-" + digest, "-verify", "pub.pem", "-signature", "sig"));
    if (padding.equals("pss")) {
      // The keychain's PSS salt is as long as the digest.
      int saltLength = Integer.parseInt(digest.substring(3)) / 8;
      verify.addAll(List.of("-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:" + saltLength));
    }
    verify.add("msg");
    Openssl.Result result = Openssl.ok(temp, verify.toArray(String[]::new));
    assertThat(result.stdout()).contains("Verified OK");

    Files.write(temp.resolve("msg"), "tampered".getBytes(UTF_8));
    assertThat(Openssl.run(temp, verify.toArray(String[]::new)).exitCode()).isNotZero();
  }

  @Test
  void digestNoneSignsHashFileThatOpensslVerifies() throws Exception {
    keychain.ok("generate", "--tag", "k", "--algorithm", "ec-p256", "--purpose", "sign", "--digest", "none,sha256");
    exportPublic("k", "pub.pem");
    Files.write(temp.resolve("hash"), java.security.MessageDigest.getInstance("SHA-256").digest(MESSAGE));

    keychain.ok("sign", "--tag", "k", "--in", path("hash"), "--out", path("sig"), "--digest", "none");

    Openssl.Result overHash = Openssl.ok(temp, "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-in", "hash", "-sigfile", "sig");
    Openssl.Result overMessage = Openssl.ok(temp, "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig", "msg");
    assertThat(overHash.stdout()).contains("Signature Verified Successfully");
    assertThat(overMessage.stdout()).contains("Verified OK");
  }

  @Test
  void digestNoneRejectedForCsr() throws Exception {
    keychain.ok("generate", "--tag", "k", "--algorithm", "ec-p256", "--purpose", "sign", "--digest", "none,sha256");

    CliResult result = keychain.run("csr", "--tag", "k", "--subject", "CN=test", "--digest", "none");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("digest none").contains("sha256");
  }

  @Test
  void ecdsaSignatureIsDer() throws Exception {
    keychain.ok("generate", "--tag", "k", "--algorithm", "ec-p256", "--purpose", "sign");
    keychain.ok("sign", "--tag", "k", "--in", path("msg"), "--out", path("sig"));

    Openssl.Result parsed = Openssl.ok(temp, "asn1parse", "-inform", "DER", "-in", "sig");

    assertThat(parsed.stdout()).contains("SEQUENCE").contains("INTEGER");
  }

  @Test
  void ed25519SignatureVerifiesWithPkeyutl() throws Exception {
    keychain.ok("generate", "--tag", "k", "--algorithm", "ed25519", "--purpose", "sign");
    exportPublic("k", "pub.pem");

    keychain.ok("sign", "--tag", "k", "--in", path("msg"), "--out", path("sig"));

    assertThat(Files.size(temp.resolve("sig"))).isEqualTo(64);
    Openssl.Result result =
        Openssl.ok(temp, "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", "msg", "-sigfile", "sig");
    assertThat(result.stdout()).contains("Signature Verified Successfully");
  }

  @Test
  void keychainVerifyAcceptsOwnSignatureAndRejectsTampered() throws Exception {
    keychain.ok("generate", "--tag", "k", "--algorithm", "ec-p256", "--purpose", "sign,verify");
    keychain.ok("sign", "--tag", "k", "--in", path("msg"), "--out", path("sig"));

    CliResult valid = keychain.run("verify", "--tag", "k", "--in", path("msg"), "--signature", path("sig"));
    Files.write(temp.resolve("other"), "another message".getBytes(UTF_8));
    CliResult invalid = keychain.run("verify", "--tag", "k", "--in", path("other"), "--signature", path("sig"));

    assertThat(valid.exitCode()).as("%s", valid).isZero();
    assertThat(invalid.exitCode()).as("%s", invalid).isEqualTo(1);
    assertThat(invalid.stderr()).contains("not valid").contains(path("sig"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sha256", "sha512"})
  void opensslOaepCiphertextDecrypts(String digest) throws Exception {
    keychain.ok("generate", "--tag", "rsa", "--algorithm", "rsa-2048", "--purpose", "decrypt,encrypt");
    exportPublic("rsa", "pub.pem");
    Files.writeString(temp.resolve("plain"), "the plaintext of " + digest);

    Openssl.ok(
        temp,
        "pkeyutl", "-encrypt", "-pubin", "-inkey", "pub.pem", "-in", "plain", "-out", "ct",
        "-pkeyopt", "rsa_padding_mode:oaep",
        "-pkeyopt", "rsa_oaep_md:" + digest,
        "-pkeyopt", "rsa_mgf1_md:" + digest);
    CliResult result = keychain.run("decrypt", "--tag", "rsa", "--in", path("ct"), "--out", path("decrypted"), "--digest", digest);

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(Files.readString(temp.resolve("decrypted"))).isEqualTo("the plaintext of " + digest);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("decrypted"))))
        .isEqualTo("rw-------");
    assertThat(result.stdout()).doesNotContain("the plaintext");
  }

  @ParameterizedTest
  @CsvSource({
    "ec-p256, -algorithm EC -pkeyopt ec_paramgen_curve:P-256",
    "ec-p384, -algorithm EC -pkeyopt ec_paramgen_curve:P-384",
    "ec-p521, -algorithm EC -pkeyopt ec_paramgen_curve:P-521",
    "x25519, -algorithm X25519"
  })
  void agreedSecretEqualsOpensslDerive(String algorithm, String genpkeyOptions) throws Exception {
    keychain.ok("generate", "--tag", "ka", "--algorithm", algorithm, "--purpose", "agree-key");
    exportPublic("ka", "ours.pem");
    List<String> genpkey = new ArrayList<>(List.of("genpkey"));
    genpkey.addAll(List.of(genpkeyOptions.split(" ")));
    genpkey.addAll(List.of("-out", "peer.key"));
    Openssl.ok(temp, genpkey.toArray(String[]::new));
    Openssl.ok(temp, "pkey", "-in", "peer.key", "-pubout", "-out", "peer.pem");

    keychain.ok("agree", "--tag", "ka", "--peer-public", path("peer.pem"), "--out", path("ours.secret"));
    Openssl.ok(temp, "pkeyutl", "-derive", "-inkey", "peer.key", "-peerkey", "ours.pem", "-out", "theirs.secret");

    byte[] ours = Files.readAllBytes(temp.resolve("ours.secret"));
    byte[] theirs = Files.readAllBytes(temp.resolve("theirs.secret"));
    assertThat(ours).isNotEmpty();
    assertThat(ours).isEqualTo(theirs);
  }

  private void exportPublic(String tag, String file) throws Exception {
    CliResult result = keychain.ok("export-public", "--tag", tag);
    assertThat(result.stdout()).startsWith("-----BEGIN PUBLIC KEY-----\n");
    Files.writeString(temp.resolve(file), result.stdout());
  }

  private String path(String name) {
    return temp.resolve(name).toString();
  }
}
