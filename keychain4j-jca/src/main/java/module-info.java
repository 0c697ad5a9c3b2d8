/**
 * The {@code Keychain4j} JCA provider: keychain keys through the standard {@code KeyStore},
 * {@code KeyPairGenerator}, {@code Signature}, {@code KeyAgreement} and {@code Cipher} APIs.
 */
module dev.keychain4j.jca {
  requires transitive dev.keychain4j.core;
  requires static transitive org.jspecify;

  exports dev.keychain4j.jca;

  provides java.security.Provider with
      dev.keychain4j.jca.Keychain4jProvider;
}
