package dev.keychain4j.cli;

import dev.keychain4j.Digest;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyInfo;
import dev.keychain4j.Padding;
import dev.keychain4j.SignatureSpec;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Chooses the digest and padding of an operation from the options given and the key's authorizations. */
final class Algorithms {
  private Algorithms() {}

  /**
   * Returns the signature scheme for {@code sign}, {@code verify} and {@code csr}. Without {@code
   * --digest}, SHA-256 is used when the key allows it, else the key's first allowed digest. Without
   * {@code --padding}, an RSA key uses PKCS#1 v1.5 when it allows it, else PSS.
   */
  static SignatureSpec signatureSpec(KeyInfo key, @Nullable Digest digest, @Nullable Padding padding)
      throws InvalidInputException {
    KeyAlgorithm algorithm = key.algorithm();
    switch (algorithm.family()) {
      case ED25519:
        if (digest != null && digest != Digest.NONE) {
          throw new InvalidInputException(
              "key '" + key.tag() + "' is an Ed25519 key, which hashes the message itself. Remove --digest");
        }
        rejectPadding(key, padding);
        return SignatureSpec.ed25519();
      case EC:
        rejectPadding(key, padding);
        return SignatureSpec.ecdsa(digest(key, digest));
      case RSA:
        Padding chosen = padding != null ? padding : defaultSignaturePadding(key.parameters().paddings());
        if (chosen == Padding.RSA_PKCS1) {
          return SignatureSpec.rsaPkcs1(digest(key, digest));
        }
        if (chosen == Padding.RSA_PSS) {
          return SignatureSpec.rsaPss(digest(key, digest));
        }
        throw new InvalidInputException(
            "invalid --padding " + chosen.cliName() + " for a signature: use pkcs1 or pss");
      default:
        throw new InvalidInputException(
            "key '" + key.tag() + "' is an " + algorithm.cliName()
                + " key, which cannot sign. Use an EC, Ed25519 or RSA key");
    }
  }

  /** Returns the digest to use: the requested one, else SHA-256 if allowed, else the first allowed hash. */
  static Digest digest(KeyInfo key, @Nullable Digest requested) {
    if (requested != null) {
      return requested;
    }
    Set<Digest> allowed = key.parameters().digests();
    if (allowed.isEmpty() || allowed.contains(Digest.SHA256)) {
      return Digest.SHA256;
    }
    for (Digest digest : Digest.values()) {
      if (digest != Digest.NONE && allowed.contains(digest)) {
        return digest;
      }
    }
    return Digest.SHA256;
  }

  private static Padding defaultSignaturePadding(Set<Padding> allowed) {
    if (!allowed.contains(Padding.RSA_PKCS1) && allowed.contains(Padding.RSA_PSS)) {
      return Padding.RSA_PSS;
    }
    return Padding.RSA_PKCS1;
  }

  private static void rejectPadding(KeyInfo key, @Nullable Padding padding) throws InvalidInputException {
    if (padding != null && padding != Padding.NONE) {
      throw new InvalidInputException(
          "--padding applies only to RSA keys, and key '" + key.tag() + "' is an "
              + key.algorithm().cliName() + " key. Remove --padding");
    }
  }
}
