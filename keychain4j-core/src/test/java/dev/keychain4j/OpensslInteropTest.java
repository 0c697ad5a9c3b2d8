package dev.keychain4j;

import static dev.keychain4j.contract.KeychainContract.MESSAGE;
import dev.keychain4j.contract.KeychainContract;
import static dev.keychain4j.contract.KeychainContract.PASSPHRASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keychain's outputs checked by OpenSSL, an implementation that shares no code with it. */
class OpensslInteropTest {
  @TempDir Path temp;
  Keychain keychain;
  Path message;

  @BeforeEach
  void createKeychain() throws Exception {
    keychain = Keychain.create(temp.resolve("keychain"), PASSPHRASE);
    message = Files.write(temp.resolve("message.txt"), MESSAGE);
  }

  @AfterEach
  void closeKeychain() {
    keychain.close();
  }

  @Test
  void ecdsaP256VerifiesWithOpenssl() throws Exception {
    assertEcdsaVerifies(KeyAlgorithm.EC_P256, Digest.SHA256);
  }

  @Test
  void ecdsaP384VerifiesWithOpenssl() throws Exception {
    assertEcdsaVerifies(KeyAlgorithm.EC_P384, Digest.SHA384);
  }

  @Test
  void ecdsaP521VerifiesWithOpenssl() throws Exception {
    assertEcdsaVerifies(KeyAlgorithm.EC_P521, Digest.SHA512);
  }

  private void assertEcdsaVerifies(KeyAlgorithm algorithm, Digest digest) throws Exception {
    keychain.generateKey("ec", KeychainContract.signing(algorithm));
    Path publicKey = writePublicKey("ec");
    Path signature = Files.write(temp.resolve("sig.der"), keychain.sign("ec", SignatureSpec.ecdsa(digest), MESSAGE));

    String output =
        openssl("dgst", "-" + digest.cliName(), "-verify", publicKey.toString(), "-signature", signature.toString(), message.toString());

    assertThat(output).contains("Verified OK");
    Files.write(signature, keychain.sign("ec", SignatureSpec.ecdsa(digest), "tampered".getBytes(StandardCharsets.UTF_8)));
    assertThat(opensslFails("dgst", "-" + digest.cliName(), "-verify", publicKey.toString(), "-signature", signature.toString(), message.toString()))
        .isTrue();
  }

  @Test
  void ecdsaOverCallersHashVerifiesWithOpenssl() throws Exception {
    keychain.generateKey(
        "prehashed",
        KeyParameters.builder(KeyAlgorithm.EC_P256)
            .purposes(Purpose.SIGN, Purpose.VERIFY)
            .digests(Digest.NONE, Digest.SHA256)
            .build());
    Path publicKey = writePublicKey("prehashed");
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(MESSAGE);
    Path hashFile = Files.write(temp.resolve("hash.bin"), hash);
    Path signature = Files.write(temp.resolve("sig.der"), keychain.sign("prehashed", SignatureSpec.ecdsa(Digest.NONE), hash));

    String overHash =
        openssl("pkeyutl", "-verify", "-pubin", "-inkey", publicKey.toString(), "-in", hashFile.toString(), "-sigfile", signature.toString());
    String overMessage =
        openssl("dgst", "-sha256", "-verify", publicKey.toString(), "-signature", signature.toString(), message.toString());

    assertThat(overHash).contains("Signature Verified Successfully");
    assertThat(overMessage).contains("Verified OK");
    assertThat(keychain.verify("prehashed", SignatureSpec.ecdsa(Digest.NONE), hash, Files.readAllBytes(signature))).isTrue();
    hash[0] ^= 1;
    Files.write(hashFile, hash);
    assertThat(opensslFails("pkeyutl", "-verify", "-pubin", "-inkey", publicKey.toString(), "-in", hashFile.toString(), "-sigfile", signature.toString()))
        .isTrue();
  }

  @Test
  void ecdsaOverLongerHashUsesItsLeftmostBits() throws Exception {
    keychain.generateKey(
        "prehashed", KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.SIGN).digests(Digest.NONE).build());
    Path publicKey = writePublicKey("prehashed");
    byte[] hash = MessageDigest.getInstance("SHA-512").digest(MESSAGE);
    Path signature = Files.write(temp.resolve("sig.der"), keychain.sign("prehashed", SignatureSpec.ecdsa(Digest.NONE), hash));

    // OpenSSL, like SEC 1, keeps the leftmost 256 bits of the 512-bit hash for a P-256 key.
    String output =
        openssl("dgst", "-sha512", "-verify", publicKey.toString(), "-signature", signature.toString(), message.toString());

    assertThat(output).contains("Verified OK");
  }

  @Test
  void ed25519VerifiesWithOpenssl() throws Exception {
    keychain.generateKey("ed", KeychainContract.signing(KeyAlgorithm.ED25519));
    Path publicKey = writePublicKey("ed");
    Path signature = Files.write(temp.resolve("sig.bin"), keychain.sign("ed", SignatureSpec.ed25519(), MESSAGE));

    String output =
        openssl("pkeyutl", "-verify", "-pubin", "-inkey", publicKey.toString(), "-rawin", "-in", message.toString(), "-sigfile", signature.toString());

    assertThat(output).contains("Signature Verified Successfully");
  }

  @Test
  void rsaPkcs1VerifiesWithOpenssl() throws Exception {
    keychain.generateKey("rsa", KeychainContract.signing(KeyAlgorithm.RSA_2048));
    Path publicKey = writePublicKey("rsa");
    Path signature = Files.write(temp.resolve("sig.bin"), keychain.sign("rsa", SignatureSpec.rsaPkcs1(Digest.SHA256), MESSAGE));

    String output = openssl("dgst", "-sha256", "-verify", publicKey.toString(), "-signature", signature.toString(), message.toString());

    assertThat(output).contains("Verified OK");
  }

  @Test
  void rsaPssVerifiesWithOpenssl() throws Exception {
    keychain.generateKey("rsa", KeychainContract.signing(KeyAlgorithm.RSA_3072));
    Path publicKey = writePublicKey("rsa");
    Path signature = Files.write(temp.resolve("sig.bin"), keychain.sign("rsa", SignatureSpec.rsaPss(Digest.SHA256), MESSAGE));

    String output =
        openssl("dgst", "-sha256", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32", "-sigopt", "rsa_mgf1_md:sha256",
            "-verify", publicKey.toString(), "-signature", signature.toString(), message.toString());

    assertThat(output).contains("Verified OK");
  }

  @Test
  void opensslOaepCiphertextDecrypts() throws Exception {
    keychain.generateKey(
        "rsa", KeyParameters.builder(KeyAlgorithm.RSA_2048).purposes(Purpose.ENCRYPT, Purpose.DECRYPT).build());
    Path publicKey = writePublicKey("rsa");
    Path ciphertext = temp.resolve("ciphertext.bin");

    openssl("pkeyutl", "-encrypt", "-pubin", "-inkey", publicKey.toString(), "-pkeyopt", "rsa_padding_mode:oaep",
        "-pkeyopt", "rsa_oaep_md:sha256", "-pkeyopt", "rsa_mgf1_md:sha256", "-in", message.toString(), "-out", ciphertext.toString());

    assertThat(keychain.decrypt("rsa", Digest.SHA256, Files.readAllBytes(ciphertext))).isEqualTo(MESSAGE);
  }

  @Test
  void ecdhSecretMatchesOpenssl() throws Exception {
    keychain.generateKey("ec", KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.AGREE_KEY).build());
    Path peerKey = temp.resolve("peer.pem");
    openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", peerKey.toString());

    assertSecretMatches("ec", peerKey);
  }

  @Test
  void x25519SecretMatchesOpenssl() throws Exception {
    keychain.generateKey("x", KeyParameters.builder(KeyAlgorithm.X25519).purposes(Purpose.AGREE_KEY).build());
    Path peerKey = temp.resolve("peer.pem");
    openssl("genpkey", "-algorithm", "X25519", "-out", peerKey.toString());

    assertSecretMatches("x", peerKey);
  }

  private void assertSecretMatches(String tag, Path peerKey) throws Exception {
    Path peerPublic = temp.resolve("peer-public.pem");
    openssl("pkey", "-in", peerKey.toString(), "-pubout", "-out", peerPublic.toString());
    Path secret = temp.resolve("secret.bin");

    openssl("pkeyutl", "-derive", "-inkey", peerKey.toString(), "-peerkey", writePublicKey(tag).toString(), "-out", secret.toString());

    assertThat(keychain.agree(tag, readPublicKey(peerPublic))).isEqualTo(Files.readAllBytes(secret));
  }

  @Test
  void csrVerifiesAndIssuedCertificateImports() throws Exception {
    keychain.generateKey("MyNewKeyPair", KeychainContract.signing(KeyAlgorithm.EC_P256));
    Path csr = temp.resolve("request.pem");
    Files.writeString(csr, pem("CERTIFICATE REQUEST", keychain.createCsr("MyNewKeyPair", "CN=keychain4j test,O=Example", Digest.SHA256)));

    String verified = openssl("req", "-in", csr.toString(), "-verify", "-noout", "-subject");
    assertThat(verified).contains("keychain4j test");

    Path caKey = temp.resolve("ca.key");
    Path caCertificate = temp.resolve("ca.pem");
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", caKey.toString(),
        "-out", caCertificate.toString(), "-subj", "/CN=Throwaway CA", "-days", "2");
    Path leaf = temp.resolve("leaf.pem");
    openssl("x509", "-req", "-in", csr.toString(), "-CA", caCertificate.toString(), "-CAkey", caKey.toString(),
        "-CAcreateserial", "-out", leaf.toString(), "-days", "1");

    List<X509Certificate> chain = List.of(readCertificate(leaf), readCertificate(caCertificate));
    keychain.importCertificateChain("MyNewKeyPair", chain);

    List<X509Certificate> exported = keychain.certificateChain("MyNewKeyPair");
    assertThat(exported).hasSize(2);
    assertThat(exported.get(0).getEncoded()).isEqualTo(chain.get(0).getEncoded());
    assertThat(exported.get(1).getEncoded()).isEqualTo(chain.get(1).getEncoded());
    assertThat(keychain.keyInfo("MyNewKeyPair").hasCertificateChain()).isTrue();
    assertThat(keychain.query(ItemQuery.builder().itemClass(ItemClass.IDENTITY).build()))
        .extracting(ItemInfo::tag)
        .containsExactly("MyNewKeyPair");

    keychain.generateKey("other", KeychainContract.signing(KeyAlgorithm.EC_P256));
    assertThatThrownBy(() -> keychain.importCertificateChain("other", chain))
        .isInstanceOf(CertificateMismatchException.class)
        .hasMessageContaining("'other'");
    assertThat(keychain.certificateChain("other")).isEmpty();
    assertThatThrownBy(() -> keychain.importCertificateChain("MyNewKeyPair", List.of(chain.get(1), chain.get(0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("leaf first");
    assertThatThrownBy(() -> keychain.importCertificateChain("other", List.of(chain.get(1))))
        .isInstanceOf(CertificateMismatchException.class);
  }

  @Test
  void rsaAndEd25519CsrsVerify() throws Exception {
    keychain.generateKey("rsa", KeychainContract.signing(KeyAlgorithm.RSA_2048));
    keychain.generateKey("ed", KeychainContract.signing(KeyAlgorithm.ED25519));

    for (String tag : List.of("rsa", "ed")) {
      Path csr = Files.writeString(temp.resolve(tag + ".pem"), pem("CERTIFICATE REQUEST", keychain.createCsr(tag, "CN=" + tag, Digest.SHA256)));
      assertThat(openssl("req", "-in", csr.toString(), "-verify", "-noout")).as(tag).isNotNull();
    }
  }

  private Path writePublicKey(String tag) throws Exception {
    return Files.writeString(temp.resolve(tag + "-public.pem"), pem("PUBLIC KEY", keychain.publicKey(tag).getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static PublicKey readPublicKey(Path pem) throws Exception {
    try (PEMParser parser = new PEMParser(new StringReader(Files.readString(pem)))) {
      return new JcaPEMKeyConverter().getPublicKey((SubjectPublicKeyInfo) parser.readObject());
    }
  }

  private static X509Certificate readCertificate(Path pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
  }

  /** Runs openssl and returns its combined output; fails the test if it exits non-zero. */
  private String openssl(String... arguments) throws Exception {
    Result result = run(arguments);
    assertThat(result.exitCode).as("openssl %s failed:%n%s", String.join(" ", arguments), result.output).isZero();
    return result.output;
  }

  private boolean opensslFails(String... arguments) throws Exception {
    return run(arguments).exitCode != 0;
  }

  private record Result(int exitCode, String output) {}

  private Result run(String... arguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(arguments));
    Process process;
    try {
      process = new ProcessBuilder(command).directory(temp.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("openssl is not installed: install it (apt-get install openssl) to run this test", e);
    }
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }
}
