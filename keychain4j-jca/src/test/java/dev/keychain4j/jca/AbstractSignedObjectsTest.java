package dev.keychain4j.jca;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.Keychain;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JWTs signed by Nimbus JOSE+JWT and CMS SignedData built by BouncyCastle, with keychain keys. */
abstract class AbstractSignedObjectsTest extends InstalledProvider {
  @TempDir static Path directory;
  static TestPki pki;
  static Keychain ecKeychain;
  static Keychain rsaKeychain;

  @BeforeAll
  static void createIdentities() throws Exception {
    Files.createDirectories(directory.resolve("pki"));
    pki = new TestPki(directory.resolve("pki"));
    ecKeychain = TestKeychains.withIdentity(directory.resolve("ec"), pki, "signer", KeyAlgorithm.EC_P256);
    rsaKeychain = TestKeychains.withIdentity(directory.resolve("rsa"), pki, "signer", KeyAlgorithm.RSA_2048);
  }

  @AfterAll
  static void closeKeychains() {
    ecKeychain.close();
    rsaKeychain.close();
  }

  @Test
  void nimbusSignsEs256Jwt() throws Exception {
    KeyStore store = TestKeychains.keyStore(ecKeychain);
    PrivateKey key = (PrivateKey) store.getKey("signer", null);
    ECPublicKey publicKey = (ECPublicKey) store.getCertificate("signer").getPublicKey();
    ECDSASigner signer = new ECDSASigner(key, Curve.P_256);
    signer.getJCAContext().setProvider(provider);
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader(JWSAlgorithm.ES256),
            new JWTClaimsSet.Builder().subject("device-42").issuer("keychain4j test").build());

    jwt.sign(signer);
    SignedJWT parsed = SignedJWT.parse(jwt.serialize());

    assertThat(parsed.verify(new ECDSAVerifier(publicKey))).isTrue();
    assertThat(parsed.getJWTClaimsSet().getSubject()).isEqualTo("device-42");
  }

  @ParameterizedTest
  @CsvSource({"ec, SHA256withECDSA", "rsa, SHA256withRSA"})
  void cmsSignedDataVerifiesWithOpenssl(String identity, String algorithm) throws Exception {
    Keychain keychain = identity.equals("ec") ? ecKeychain : rsaKeychain;
    KeyStore store = TestKeychains.keyStore(keychain);
    PrivateKey key = (PrivateKey) store.getKey("signer", null);
    List<X509Certificate> chain = keychain.certificateChain("signer");
    byte[] content = ("content signed with " + algorithm).getBytes(StandardCharsets.UTF_8);

    ContentSigner contentSigner = new JcaContentSignerBuilder(algorithm).setProvider(provider).build(key);
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(
        new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
            .build(contentSigner, chain.get(0)));
    generator.addCertificates(new JcaCertStore(chain));
    CMSSignedData signed = generator.generate(new CMSProcessableByteArray(content), true);
    Path signedFile = pki.directory.resolve("signed-" + identity + "-" + algorithm + ".der");
    Files.write(signedFile, signed.getEncoded());

    Path contentFile = pki.directory.resolve("content-" + identity + "-" + algorithm + ".txt");
    Openssl.run(
        pki.directory, "cms", "-verify", "-inform", "DER", "-in", signedFile.toString(), "-CAfile",
        "ca.crt", "-out", contentFile.toString());

    assertThat(Files.readAllBytes(contentFile)).isEqualTo(content);
  }
}
