package dev.keychain4j.jca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keychain4j.AccessControl;
import dev.keychain4j.Accessibility;
import dev.keychain4j.Digest;
import dev.keychain4j.IncompatibleDigestException;
import dev.keychain4j.InsecureTestBiometricAuthenticator;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.Keychain;
import dev.keychain4j.Purpose;
import dev.keychain4j.UserNotAuthenticatedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The provider's engines through the JCA's own provider selection: {@code getInstance} without a
 * provider name, so the JCA must find our engine for keychain keys and other engines for other keys.
 * Every signature is checked with the JDK's verifier and the public key.
 */
abstract class AbstractEngineTest extends InstalledProvider {
  private static final byte[] MESSAGE = "a message to sign".getBytes(StandardCharsets.UTF_8);

  @TempDir static Path directory;
  static Keychain keychain;
  static KeyPair ec;
  static KeyPair rsa;
  static KeyPair ed25519;
  static KeyPair x25519;

  @BeforeAll
  static void createKeys() throws Exception {
    keychain = Keychain.create(directory.resolve("keychain"), TestKeychains.PASSPHRASE);
    ec = TestKeychains.generate(keychain, "ec", KeyAlgorithm.EC_P256, Purpose.SIGN, Purpose.AGREE_KEY);
    rsa = TestKeychains.generate(keychain, "rsa", KeyAlgorithm.RSA_2048, Purpose.SIGN, Purpose.DECRYPT);
    ed25519 = TestKeychains.generate(keychain, "ed25519", KeyAlgorithm.ED25519, Purpose.SIGN);
    x25519 = TestKeychains.generate(keychain, "x25519", KeyAlgorithm.X25519, Purpose.AGREE_KEY);
  }

  @AfterAll
  static void closeKeychain() {
    keychain.close();
  }

  @ParameterizedTest
  @CsvSource({
    "SHA256withECDSA, ec", "SHA384withECDSA, ec", "SHA512withECDSA, ec",
    "SHA256withRSA, rsa", "SHA384withRSA, rsa", "SHA512withRSA, rsa", "Ed25519, ed25519"
  })
  void signatureVerifiesWithJdk(String algorithm, String key) throws Exception {
    KeyPair pair = pair(key);
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(pair.getPrivate());
    signer.update(MESSAGE);
    byte[] signature = signer.sign();

    assertThat(signer.getProvider().getName()).isEqualTo(Keychain4jProvider.NAME);
    assertThat(verify(algorithm, pair, null, signature)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"SHA-256", "SHA-384", "SHA-512"})
  void rsaPssVerifiesWithJdk(String digest) throws Exception {
    int saltLength = Integer.parseInt(digest.substring(4)) / 8;
    PSSParameterSpec parameters = new PSSParameterSpec(digest, "MGF1", new MGF1ParameterSpec(digest), saltLength, 1);
    Signature signer = Signature.getInstance("RSASSA-PSS");
    // The key comes first: setParameter before initSign makes the JCA commit to the first provider.
    signer.initSign(rsa.getPrivate());
    signer.setParameter(parameters);
    signer.update(MESSAGE);
    byte[] signature = signer.sign();

    assertThat(signer.getProvider().getName()).isEqualTo(Keychain4jProvider.NAME);
    assertThat(verify("RSASSA-PSS", rsa, parameters, signature)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"SHA-256", "SHA-384", "SHA-512"})
  void bouncyCastlePssNamesVerifyWithJdk(String digest) throws Exception {
    String hash = digest.replace("-", "");
    int saltLength = Integer.parseInt(digest.substring(4)) / 8;
    Signature signer = Signature.getInstance(hash + "withRSAandMGF1");
    signer.initSign(rsa.getPrivate());
    signer.update(MESSAGE);
    byte[] signature = signer.sign();

    assertThat(signer.getProvider().getName()).isEqualTo(Keychain4jProvider.NAME);
    assertThat(
            verify("RSASSA-PSS", rsa, new PSSParameterSpec(digest, "MGF1", new MGF1ParameterSpec(digest), saltLength, 1), signature))
        .isTrue();
  }

  @Test
  void noneWithEcdsaSignsCallersHash() throws Exception {
    String tag = "prehashed-" + (installFirst() ? "first" : "last");
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
    generator.initialize(
        new KeychainKeyGenParameterSpec(
            keychain, tag,
            KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.SIGN).digests(Digest.NONE, Digest.SHA256).build()));
    KeyPair pair = generator.generateKeyPair();
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(MESSAGE);

    try {
      Signature signer = Signature.getInstance("NONEwithECDSA");
      signer.initSign(pair.getPrivate());
      // Two updates: the engine collects the whole hash before signing it.
      signer.update(hash, 0, 10);
      signer.update(hash, 10, hash.length - 10);
      byte[] signature = signer.sign();

      Signature overHash = Signature.getInstance("NONEwithECDSA", "SunEC");
      overHash.initVerify(pair.getPublic());
      overHash.update(hash);
      assertThat(signer.getProvider().getName()).isEqualTo(Keychain4jProvider.NAME);
      assertThat(overHash.verify(signature)).isTrue();
      assertThat(verify("SHA256withECDSA", pair, null, signature)).isTrue();
    } finally {
      keychain.delete(dev.keychain4j.ItemClass.KEY, tag);
    }
  }

  @Test
  void noneWithEcdsaRejectsKeyWithoutDigestNone() throws Exception {
    Signature signer = Signature.getInstance("NONEwithECDSA");
    signer.initSign(ec.getPrivate());
    signer.update(MessageDigest.getInstance("SHA-256").digest(MESSAGE));

    assertThat(signer.getProvider().getName()).isEqualTo(Keychain4jProvider.NAME);
    assertThatThrownBy(signer::sign)
        .isInstanceOf(SignatureException.class)
        .hasCauseInstanceOf(IncompatibleDigestException.class)
        .hasMessageContaining("none");
  }

  @Test
  void noneWithEcdsaRejectsLongInput() throws Exception {
    Signature signer = Signature.getInstance("NONEwithECDSA", provider);
    signer.initSign(ec.getPrivate());
    signer.update(new byte[65]);

    assertThatThrownBy(signer::sign).isInstanceOf(SignatureException.class).hasMessageContaining("65 bytes");
  }

  @Test
  void rsaPssRejectsOtherSaltLength() throws Exception {
    Signature signer = Signature.getInstance("RSASSA-PSS", provider);
    signer.initSign(rsa.getPrivate());

    assertThatThrownBy(
            () -> signer.setParameter(
                new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 20, 1)))
        .isInstanceOf(InvalidAlgorithmParameterException.class)
        .hasMessageContaining("salt");
  }

  @Test
  void signatureRejectsKeyOfOtherFamily() throws Exception {
    Signature signer = Signature.getInstance("SHA256withECDSA", provider);

    assertThatThrownBy(() -> signer.initSign(rsa.getPrivate())).isInstanceOf(InvalidKeyException.class);
  }

  @Test
  void ecdhMatchesPeerComputation() throws Exception {
    KeyPairGenerator peerGenerator = KeyPairGenerator.getInstance("EC", "SunEC");
    peerGenerator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair peer = peerGenerator.generateKeyPair();

    KeyAgreement ours = KeyAgreement.getInstance("ECDH");
    ours.init(ec.getPrivate());
    ours.doPhase(peer.getPublic(), true);
    byte[] secret = ours.generateSecret();

    KeyAgreement theirs = KeyAgreement.getInstance("ECDH", "SunEC");
    theirs.init(peer.getPrivate());
    theirs.doPhase(ec.getPublic(), true);
    assertThat(ours.getProvider().getName()).isEqualTo(Keychain4jProvider.NAME);
    assertThat(secret).isEqualTo(theirs.generateSecret());
  }

  @Test
  void x25519MatchesPeerComputation() throws Exception {
    KeyPair peer = KeyPairGenerator.getInstance("X25519", "SunEC").generateKeyPair();

    KeyAgreement ours = KeyAgreement.getInstance("X25519");
    ours.init(x25519.getPrivate());
    ours.doPhase(peer.getPublic(), true);
    byte[] secret = ours.generateSecret();

    KeyAgreement theirs = KeyAgreement.getInstance("X25519", "SunEC");
    theirs.init(peer.getPrivate());
    theirs.doPhase(x25519.getPublic(), true);
    assertThat(ours.getProvider().getName()).isEqualTo(Keychain4jProvider.NAME);
    assertThat(secret).isEqualTo(theirs.generateSecret());
  }

  @ParameterizedTest
  @ValueSource(strings = {"SHA-256", "SHA-384", "SHA-512"})
  void oaepDecryptsJdkCiphertext(String digest) throws Exception {
    OAEPParameterSpec oaep = new OAEPParameterSpec(digest, "MGF1", new MGF1ParameterSpec(digest), PSource.PSpecified.DEFAULT);
    Cipher encryptor = Cipher.getInstance("RSA/ECB/OAEPPadding", "SunJCE");
    encryptor.init(Cipher.ENCRYPT_MODE, rsa.getPublic(), oaep);
    byte[] ciphertext = encryptor.doFinal(MESSAGE);

    Cipher named = Cipher.getInstance("RSA/ECB/OAEPWith" + digest + "AndMGF1Padding");
    named.init(Cipher.DECRYPT_MODE, rsa.getPrivate(), oaep);
    Cipher generic = Cipher.getInstance("RSA/ECB/OAEPPadding");
    generic.init(Cipher.DECRYPT_MODE, rsa.getPrivate(), oaep);

    assertThat(named.getProvider().getName()).isEqualTo(Keychain4jProvider.NAME);
    assertThat(named.doFinal(ciphertext)).isEqualTo(MESSAGE);
    assertThat(generic.doFinal(ciphertext)).isEqualTo(MESSAGE);
  }

  @Test
  void oaepNameMeansMgf1WithSameDigest() throws Exception {
    OAEPParameterSpec oaep = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
    Cipher encryptor = Cipher.getInstance("RSA/ECB/OAEPPadding", "SunJCE");
    encryptor.init(Cipher.ENCRYPT_MODE, rsa.getPublic(), oaep);
    byte[] ciphertext = encryptor.doFinal(MESSAGE);

    Cipher decryptor = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding", provider);
    decryptor.init(Cipher.DECRYPT_MODE, rsa.getPrivate());

    assertThat(decryptor.doFinal(ciphertext)).isEqualTo(MESSAGE);
  }

  @Test
  void oaepOfDamagedCiphertextFails() throws Exception {
    Cipher encryptor = Cipher.getInstance("RSA/ECB/OAEPPadding", "SunJCE");
    encryptor.init(
        Cipher.ENCRYPT_MODE, rsa.getPublic(),
        new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
    byte[] ciphertext = encryptor.doFinal(MESSAGE);
    ciphertext[10] ^= 1;

    Cipher decryptor = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding", provider);
    decryptor.init(Cipher.DECRYPT_MODE, rsa.getPrivate());

    assertThatThrownBy(() -> decryptor.doFinal(ciphertext)).isInstanceOf(BadPaddingException.class);
  }

  @Test
  void handlesHaveNoEncoding() {
    for (KeyPair pair : new KeyPair[] {ec, rsa, ed25519, x25519}) {
      assertThat(pair.getPrivate()).isInstanceOf(KeychainPrivateKey.class);
      assertThat(pair.getPrivate().getEncoded()).isNull();
      assertThat(pair.getPrivate().getFormat()).isNull();
      assertThat(pair.getPrivate()).isNotInstanceOf(ECPrivateKey.class);
    }
    assertThat(ec.getPrivate().getAlgorithm()).isEqualTo("EC");
    assertThat(((ECKey) ec.getPrivate()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
    assertThat(rsa.getPrivate().getAlgorithm()).isEqualTo("RSA");
    assertThat(((RSAKey) rsa.getPrivate()).getModulus().bitLength()).isEqualTo(2048);
    assertThat(ed25519.getPrivate().getAlgorithm()).isEqualTo("EdDSA");
    assertThat(x25519.getPrivate().getAlgorithm()).isEqualTo("XDH");
  }

  @ParameterizedTest
  @CsvSource({"SHA256withECDSA, SunEC, ec", "SHA256withRSA, SunRsaSign, rsa", "Ed25519, SunEC, ed25519", "RSASSA-PSS, SunRsaSign, rsa"})
  void otherProvidersRejectHandles(String algorithm, String otherProvider, String key) throws Exception {
    Signature other = Signature.getInstance(algorithm, otherProvider);

    assertThatThrownBy(() -> other.initSign(pair(key).getPrivate())).isInstanceOf(InvalidKeyException.class);
  }

  @Test
  void bouncyCastleRejectsHandles() throws Exception {
    java.security.Provider bouncyCastle = new org.bouncycastle.jce.provider.BouncyCastleProvider();
    Signature ecdsa = Signature.getInstance("SHA256withECDSA", bouncyCastle);
    Signature rsaPkcs1 = Signature.getInstance("SHA256withRSA", bouncyCastle);
    Signature eddsa = Signature.getInstance("Ed25519", bouncyCastle);
    KeyAgreement ecdh = KeyAgreement.getInstance("ECDH", bouncyCastle);
    Cipher oaep = Cipher.getInstance("RSA/NONE/OAEPWithSHA256AndMGF1Padding", bouncyCastle);

    assertThatThrownBy(() -> ecdsa.initSign(ec.getPrivate())).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> rsaPkcs1.initSign(rsa.getPrivate())).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> eddsa.initSign(ed25519.getPrivate())).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> ecdh.init(ec.getPrivate())).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> oaep.init(Cipher.DECRYPT_MODE, rsa.getPrivate())).isInstanceOf(InvalidKeyException.class);
  }

  @Test
  void otherProvidersRejectHandlesForAgreementAndCipher() throws Exception {
    KeyAgreement ecdh = KeyAgreement.getInstance("ECDH", "SunEC");
    Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding", "SunJCE");

    assertThatThrownBy(() -> ecdh.init(ec.getPrivate())).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> oaep.init(Cipher.DECRYPT_MODE, rsa.getPrivate())).isInstanceOf(InvalidKeyException.class);
  }

  @Test
  void ourEnginesRejectForeignKeys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    PrivateKey foreign = generator.generateKeyPair().getPrivate();
    PrivateKey foreignRsa = KeyPairGenerator.getInstance("RSA", "SunRsaSign").generateKeyPair().getPrivate();

    Signature signature = Signature.getInstance("SHA256withECDSA", provider);
    KeyAgreement agreement = KeyAgreement.getInstance("ECDH", provider);
    Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding", provider);

    assertThatThrownBy(() -> signature.initSign(foreign)).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> agreement.init(foreign)).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> cipher.init(Cipher.DECRYPT_MODE, foreignRsa)).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> signature.initVerify(ec.getPublic())).isInstanceOf(InvalidKeyException.class);
  }

  @Test
  void softwareKeysStillUseOtherProviders() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair software = generator.generateKeyPair();
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(software.getPrivate());
    signer.update(MESSAGE);
    byte[] signature = signer.sign();

    assertThat(software.getPrivate()).isInstanceOf(ECPrivateKey.class);
    assertThat(signer.getProvider().getName()).isNotEqualTo(Keychain4jProvider.NAME);
    assertThat(verify("SHA256withECDSA", software, null, signature)).isTrue();
    assertThat(keychain.query(dev.keychain4j.ItemQuery.all())).hasSize(4);
  }

  @Test
  void generatorWithoutKeychainSpecFallsThrough() throws Exception {
    KeyPairGenerator uninitialized = KeyPairGenerator.getInstance("EC");
    KeyPairGenerator bySize = KeyPairGenerator.getInstance("EC");
    bySize.initialize(384);

    assertThat(uninitialized.generateKeyPair().getPrivate()).isInstanceOf(ECPrivateKey.class);
    assertThat(bySize.generateKeyPair().getPrivate()).isInstanceOf(ECPrivateKey.class);
    assertThat(keychain.query(dev.keychain4j.ItemQuery.all())).hasSize(4);
  }

  @Test
  void encryptionUsesOtherProvider() throws Exception {
    Cipher encryptor = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
    encryptor.init(
        Cipher.ENCRYPT_MODE, rsa.getPublic(),
        new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
    byte[] ciphertext = encryptor.doFinal(MESSAGE);
    Cipher decryptor = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
    decryptor.init(Cipher.DECRYPT_MODE, rsa.getPrivate());

    assertThat(encryptor.getProvider().getName()).isNotEqualTo(Keychain4jProvider.NAME);
    assertThat(decryptor.doFinal(ciphertext)).isEqualTo(MESSAGE);
    assertThat(decryptor.getProvider().getName()).isEqualTo(Keychain4jProvider.NAME);
  }

  @ParameterizedTest
  @CsvSource({"EC, ec-p384", "RSA, rsa-2048", "Ed25519, ed25519", "X25519, x25519"})
  void generatorCreatesKeychainKey(String algorithm, String keyAlgorithm) throws Exception {
    String tag = "generated-" + keyAlgorithm + "-" + (installFirst() ? "first" : "last");
    KeyAlgorithm parameters = KeyAlgorithm.fromCliName(keyAlgorithm);
    Purpose purpose = parameters.family() == KeyAlgorithm.Family.X25519 ? Purpose.AGREE_KEY : Purpose.SIGN;
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
    generator.initialize(
        new KeychainKeyGenParameterSpec(
            keychain, tag, KeyParameters.builder(parameters).purposes(purpose).usageLimit(3).label("from JCA").build()));
    KeyPair pair = generator.generateKeyPair();

    try {
      assertThat(generator.getProvider().getName()).isEqualTo(Keychain4jProvider.NAME);
      assertThat(pair.getPrivate()).isInstanceOf(KeychainPrivateKey.class);
      assertThat(((KeychainPrivateKey) pair.getPrivate()).tag()).isEqualTo(tag);
      assertThat(keychain.keyInfo(tag).parameters().usageLimit()).hasValue(3);
      assertThat(keychain.keyInfo(tag).label()).hasValue("from JCA");
      assertThat(pair.getPublic()).isEqualTo(KeyHandles.jdkPublicKey(parameters, keychain.publicKey(tag)));
    } finally {
      keychain.delete(dev.keychain4j.ItemClass.KEY, tag);
    }
  }

  @Test
  void generatorRejectsOtherFamily() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);

    assertThatThrownBy(
            () -> generator.initialize(
                new KeychainKeyGenParameterSpec(
                    keychain, "wrong", KeyParameters.builder(KeyAlgorithm.ED25519).purposes(Purpose.SIGN).build())))
        .isInstanceOf(InvalidAlgorithmParameterException.class)
        .hasMessageContaining("ed25519");
  }

  @Test
  void usageLimitAppliesThroughSignature() throws Exception {
    String tag = "limited-" + (installFirst() ? "first" : "last");
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
    generator.initialize(
        new KeychainKeyGenParameterSpec(
            keychain, tag, KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.SIGN).usageLimit(1).build()));
    PrivateKey key = generator.generateKeyPair().getPrivate();
    Signature signer = Signature.getInstance("SHA256withECDSA", provider);
    signer.initSign(key);
    signer.update(MESSAGE);
    signer.sign();
    signer.update(MESSAGE);

    assertThatThrownBy(signer::sign).isInstanceOf(SignatureException.class).hasMessageContaining(tag);
  }

  @Test
  void generatorStoresAccessSettings() throws Exception {
    String name = "access-" + (installFirst() ? "first" : "last");
    InsecureTestBiometricAuthenticator biometric = new InsecureTestBiometricAuthenticator();
    AccessControl access = AccessControl.parse("private-key-usage,biometry-any");
    try (Keychain guarded = Keychain.create(directory.resolve(name), TestKeychains.PASSPHRASE)) {
      guarded.registerAuthenticator(biometric);
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
      generator.initialize(
          new KeychainKeyGenParameterSpec(
              guarded, name,
              KeyParameters.builder(KeyAlgorithm.EC_P256)
                  .purposes(Purpose.SIGN)
                  .accessibility(Accessibility.AFTER_FIRST_UNLOCK_THIS_DEVICE_ONLY)
                  .accessControl(access)
                  .build()));
      KeyPair pair = generator.generateKeyPair();

      KeyParameters stored = guarded.keyInfo(name).parameters();
      assertThat(stored.accessibility()).isEqualTo(Accessibility.AFTER_FIRST_UNLOCK_THIS_DEVICE_ONLY);
      assertThat(stored.accessControl()).hasValue(access);

      biometric.setAccepting(false);
      Signature unauthenticated = Signature.getInstance("SHA256withECDSA", provider);
      unauthenticated.initSign(pair.getPrivate());
      unauthenticated.update(MESSAGE);
      assertThatThrownBy(unauthenticated::sign)
          .isInstanceOf(SignatureException.class)
          .hasCauseInstanceOf(UserNotAuthenticatedException.class);

      // The same key signs once the authenticator accepts, so the rejection above came from access control.
      biometric.setAccepting(true);
      Signature accepted = Signature.getInstance("SHA256withECDSA", provider);
      accepted.initSign(pair.getPrivate());
      accepted.update(MESSAGE);
      assertThat(verify("SHA256withECDSA", pair, null, accepted.sign())).isTrue();
      assertThat(biometric.prompts()).isEqualTo(2);
    }
  }

  private static KeyPair pair(String key) {
    switch (key) {
      case "ec":
        return ec;
      case "rsa":
        return rsa;
      case "ed25519":
        return ed25519;
      default:
        return x25519;
    }
  }

  private static boolean verify(String algorithm, KeyPair pair, PSSParameterSpec parameters, byte[] signature)
      throws Exception {
    String jdkProvider = algorithm.contains("RSA") ? "SunRsaSign" : "SunEC";
    Signature verifier = Signature.getInstance(algorithm, jdkProvider);
    if (parameters != null) {
      verifier.setParameter(parameters);
    }
    verifier.initVerify(pair.getPublic());
    verifier.update(MESSAGE);
    return verifier.verify(signature);
  }
}
