package dev.keychain4j.internal;

import dev.keychain4j.KeyAlgorithm;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** Decodes and classifies X.509 SubjectPublicKeyInfo public keys with BouncyCastle. */
public final class PublicKeys {
  private PublicKeys() {}

  /** Returns the JCA key algorithm name for keys of {@code algorithm}. */
  public static String jcaKeyAlgorithm(KeyAlgorithm algorithm) {
    switch (algorithm.family()) {
      case EC:
        return "EC";
      case ED25519:
        return "Ed25519";
      case X25519:
        return "X25519";
      default:
        return "RSA";
    }
  }

  /** Decodes a SubjectPublicKeyInfo into a BouncyCastle public key of the algorithm. */
  public static PublicKey decode(KeyAlgorithm algorithm, byte[] encoded)
      throws GeneralSecurityException {
    return KeyFactory.getInstance(jcaKeyAlgorithm(algorithm), BouncyCastle.PROVIDER)
        .generatePublic(new X509EncodedKeySpec(encoded));
  }

  /** Returns the keychain algorithm of a public key, or empty for algorithms it does not offer. */
  public static Optional<KeyAlgorithm> algorithmOf(byte[] encoded) {
    try {
      SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(encoded);
      ASN1ObjectIdentifier oid = info.getAlgorithm().getAlgorithm();
      if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
        return Optional.of(KeyAlgorithm.ED25519);
      }
      if (oid.equals(EdECObjectIdentifiers.id_X25519)) {
        return Optional.of(KeyAlgorithm.X25519);
      }
      if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
        Object curve = info.getAlgorithm().getParameters();
        if (X9ObjectIdentifiers.prime256v1.equals(curve)) {
          return Optional.of(KeyAlgorithm.EC_P256);
        }
        if (SECObjectIdentifiers.secp384r1.equals(curve)) {
          return Optional.of(KeyAlgorithm.EC_P384);
        }
        if (SECObjectIdentifiers.secp521r1.equals(curve)) {
          return Optional.of(KeyAlgorithm.EC_P521);
        }
        return Optional.empty();
      }
      if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
        BigInteger modulus = RSAPublicKey.getInstance(info.parsePublicKey()).getModulus();
        switch (modulus.bitLength()) {
          case 2048:
            return Optional.of(KeyAlgorithm.RSA_2048);
          case 3072:
            return Optional.of(KeyAlgorithm.RSA_3072);
          case 4096:
            return Optional.of(KeyAlgorithm.RSA_4096);
          default:
            return Optional.empty();
        }
      }
      return Optional.empty();
    } catch (java.io.IOException | RuntimeException e) {
      // A malformed key is simply not one of ours; callers compare keys separately.
      return Optional.empty();
    }
  }

  /**
   * Returns whether two encoded public keys are the same key, also when their encodings differ
   * (compressed and uncompressed EC points, for example).
   */
  public static boolean sameKey(KeyAlgorithm algorithm, byte[] ours, byte[] theirs) {
    if (java.util.Arrays.equals(ours, theirs)) {
      return true;
    }
    try {
      return decode(algorithm, ours).equals(decode(algorithm, theirs));
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
