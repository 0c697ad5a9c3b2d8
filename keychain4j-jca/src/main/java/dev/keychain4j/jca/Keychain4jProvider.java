package dev.keychain4j.jca;

import dev.keychain4j.Digest;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.SignatureSpec;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The {@code Keychain4j} JCA provider. It offers the key store type {@code Keychain4j} and key pair
 * generators, signatures, key agreements and RSA-OAEP decryption whose private keys stay in a
 * keychain's secure element.
 *
 * <p>Creating the provider registers nothing: install it with {@code Security.addProvider} or
 * {@code Security.insertProviderAt}, or name it in {@code java.security}. It works at any position
 * in the list. Its {@code Signature}, {@code KeyAgreement} and {@code Cipher} services declare
 * {@code SupportedKeyClasses} as {@link KeychainPrivateKey}, so the JCA's delayed provider
 * selection hands them only keychain keys, and other keys go to other providers. The key pair
 * generators accept only a {@link KeychainKeyGenParameterSpec}, so other requests fall through to
 * the next provider as well. One order matters: for {@code RSASSA-PSS} without a provider name, call
 * {@code initSign} before {@code setParameter}, because {@code setParameter} on an uninitialized
 * {@code Signature} makes the JCA choose the first provider in the list. JSSE is not affected: it
 * passes the parameters together with the key.
 *
 * <p>{@code NONEwithECDSA} signs a hash computed elsewhere: the key must allow {@link Digest#NONE},
 * and the input is at most {@value SignatureSpec#MAX_ECDSA_NONE_INPUT_LENGTH} bytes, as in the
 * JDK. Not offered: verification and encryption, which need only public keys.
 */
public final class Keychain4jProvider extends Provider {
  private static final long serialVersionUID = 1L;

  /** The provider name. */
  public static final String NAME = "Keychain4j";

  /** The key store type. */
  public static final String KEY_STORE_TYPE = "Keychain4j";

  private static final Map<String, String> KEY_ATTRIBUTES =
      Map.of("SupportedKeyClasses", KeychainPrivateKey.class.getName());

  /** Creates the provider; it is not installed until the caller installs it. */
  public Keychain4jProvider() {
    super(NAME, "0.1", "Keychain4j: keys generated and used inside a keychain's secure element");

    add("KeyStore", KEY_STORE_TYPE, List.of(), Map.of(), KeychainKeyStoreSpi::new);

    addGenerator("EC", List.of(), KeyAlgorithm.Family.EC);
    addGenerator("RSA", List.of(), KeyAlgorithm.Family.RSA);
    addGenerator("Ed25519", List.of("1.3.101.112"), KeyAlgorithm.Family.ED25519);
    addGenerator("X25519", List.of("1.3.101.110"), KeyAlgorithm.Family.X25519);

    for (Digest digest : List.of(Digest.SHA256, Digest.SHA384, Digest.SHA512)) {
      String hash = digest.jcaName().replace("-", "");
      addSignature(hash + "withECDSA", KeyAlgorithm.Family.EC, SignatureSpec.ecdsa(digest));
      addSignature(hash + "withRSA", KeyAlgorithm.Family.RSA, SignatureSpec.rsaPkcs1(digest));
      // BouncyCastle's names for PSS with MGF1 over the same digest and a digest-long salt, which
      // its CMS and certificate builders look up.
      add("Signature", hash + "withRSAandMGF1", List.of(hash + "withRSASSA-PSS"), KEY_ATTRIBUTES,
          () -> new KeychainSignatureSpi(hash + "withRSAandMGF1", KeyAlgorithm.Family.RSA, SignatureSpec.rsaPss(digest)));
    }
    addSignature("NONEwithECDSA", KeyAlgorithm.Family.EC, SignatureSpec.ecdsa(Digest.NONE));
    addSignature("Ed25519", KeyAlgorithm.Family.ED25519, SignatureSpec.ed25519());
    addSignature("RSASSA-PSS", KeyAlgorithm.Family.RSA, null);

    add("KeyAgreement", "ECDH", List.of(), KEY_ATTRIBUTES,
        () -> new KeychainKeyAgreementSpi("ECDH", KeyAlgorithm.Family.EC));
    add("KeyAgreement", "X25519", List.of("1.3.101.110"), KEY_ATTRIBUTES,
        () -> new KeychainKeyAgreementSpi("X25519", KeyAlgorithm.Family.X25519));

    for (Digest digest : List.of(Digest.SHA256, Digest.SHA384, Digest.SHA512)) {
      String name = "RSA/ECB/OAEPWith" + digest.jcaName() + "AndMGF1Padding";
      add("Cipher", name, List.of(), KEY_ATTRIBUTES, () -> new KeychainCipherSpi(digest));
    }
    add("Cipher", "RSA/ECB/OAEPPadding", List.of(), KEY_ATTRIBUTES, () -> new KeychainCipherSpi(null));
  }

  private void addGenerator(String algorithm, List<String> aliases, KeyAlgorithm.Family family) {
    add("KeyPairGenerator", algorithm, aliases, Map.of(),
        () -> new KeychainKeyPairGeneratorSpi(algorithm, family));
  }

  private void addSignature(String algorithm, KeyAlgorithm.Family family, @Nullable SignatureSpec spec) {
    add("Signature", algorithm, List.of(), KEY_ATTRIBUTES,
        () -> new KeychainSignatureSpi(algorithm, family, spec));
  }

  private void add(
      String type,
      String algorithm,
      List<String> aliases,
      Map<String, String> attributes,
      Supplier<Object> factory) {
    putService(new EngineService(this, type, algorithm, aliases, attributes, factory));
  }

  /** A service that creates its engine directly, so no reflection into this module is needed. */
  private static final class EngineService extends Service {
    private final transient Supplier<Object> factory;

    EngineService(
        Provider provider,
        String type,
        String algorithm,
        List<String> aliases,
        Map<String, String> attributes,
        Supplier<Object> factory) {
      super(provider, type, algorithm, factoryClassName(type), aliases, attributes);
      this.factory = factory;
    }

    @Override
    public Object newInstance(@Nullable Object constructorParameter) throws NoSuchAlgorithmException {
      if (constructorParameter != null) {
        throw new NoSuchAlgorithmException(
            getType() + " " + getAlgorithm() + " takes no constructor parameter");
      }
      return factory.get();
    }
  }

  private static String factoryClassName(String type) {
    return KeychainPrivateKey.class.getPackageName() + ".Keychain" + type + "Spi";
  }
}
