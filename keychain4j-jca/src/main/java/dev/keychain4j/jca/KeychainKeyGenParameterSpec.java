package dev.keychain4j.jca;

import dev.keychain4j.KeyParameters;
import dev.keychain4j.Keychain;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Objects;

/**
 * The request for {@code KeyPairGenerator}: the keychain to generate in, the tag of the new key and
 * all its keychain parameters (algorithm, purposes, digests, paddings, validity window, usage limit,
 * label, accessibility, access control and authentication timeout). The generator's algorithm
 * ({@code EC}, {@code RSA}, {@code Ed25519}, {@code X25519}) must be the family of {@link
 * KeyParameters#algorithm()}.
 *
 * <p>The spec passes {@link KeyParameters} to the keychain unchanged, so {@link
 * KeyParameters#accessibility()} and {@link KeyParameters#accessControl()} apply to the generated
 * key as they do through {@link Keychain#generateKey}. A key whose access control requires user
 * authentication signs through the JCA only after an authenticator registered on the keychain
 * accepts; otherwise {@code Signature.sign()} throws a {@code SignatureException} whose cause is the
 * keychain's {@link dev.keychain4j.UserNotAuthenticatedException}.
 */
public final class KeychainKeyGenParameterSpec implements AlgorithmParameterSpec {
  private final Keychain keychain;
  private final String tag;
  private final KeyParameters parameters;

  /**
   * Creates the request. The tag is checked by the keychain when the key is generated.
   *
   * @throws NullPointerException if an argument is null
   */
  public KeychainKeyGenParameterSpec(Keychain keychain, String tag, KeyParameters parameters) {
    this.keychain = Objects.requireNonNull(keychain, "keychain");
    this.tag = Objects.requireNonNull(tag, "tag");
    this.parameters = Objects.requireNonNull(parameters, "parameters");
  }

  public Keychain keychain() {
    return keychain;
  }

  public String tag() {
    return tag;
  }

  public KeyParameters parameters() {
    return parameters;
  }

  @Override
  public String toString() {
    return "KeychainKeyGenParameterSpec{tag=" + tag + ", " + parameters + ", keychain="
        + keychain.directory() + "}";
  }
}
