package dev.keychain4j.jca;

import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.Keychain;
import dev.keychain4j.Purpose;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;

/** Keychains with keys made through the provider's own key pair generator. */
final class TestKeychains {
  static final char[] PASSPHRASE = "test passphrase".toCharArray();

  private TestKeychains() {}

  /** Generates a key in a keychain with the provider's generator, without installing the provider. */
  static KeyPair generate(Keychain keychain, String tag, KeyAlgorithm algorithm, Purpose... purposes)
      throws Exception {
    KeyPairGenerator generator =
        KeyPairGenerator.getInstance(generatorName(algorithm), new Keychain4jProvider());
    generator.initialize(
        new KeychainKeyGenParameterSpec(keychain, tag, KeyParameters.builder(algorithm).purposes(purposes).build()));
    return generator.generateKeyPair();
  }

  static String generatorName(KeyAlgorithm algorithm) {
    switch (algorithm.family()) {
      case EC:
        return "EC";
      case RSA:
        return "RSA";
      case ED25519:
        return "Ed25519";
      default:
        return "X25519";
    }
  }

  /** Creates a keychain in {@code directory} with one certified signing key. */
  static Keychain withIdentity(Path directory, TestPki pki, String tag, KeyAlgorithm algorithm) throws Exception {
    Keychain keychain = Keychain.create(directory, PASSPHRASE);
    generate(keychain, tag, algorithm, Purpose.SIGN, Purpose.VERIFY);
    keychain.importCertificateChain(tag, pki.certifyKeychainKey(keychain, tag, tag));
    return keychain;
  }

  /** Returns the provider's key store over an open keychain, through the standard KeyStore API. */
  static KeyStore keyStore(Keychain keychain) throws Exception {
    KeyStore store = KeyStore.getInstance(Keychain4jProvider.KEY_STORE_TYPE, new Keychain4jProvider());
    store.load(KeychainLoadStoreParameter.of(keychain));
    return store;
  }
}
