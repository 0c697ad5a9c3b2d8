package dev.keychain4j.attestation.android.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jspecify.annotations.Nullable;

/**
 * Verifies certificate signatures with a private BouncyCastle provider instance. On JDK 17,
 * BouncyCastle verifies P-256 ECDSA several times faster than SunEC. The provider is not registered
 * with {@code Security}, so it does not change other code's provider order.
 */
public final class SignatureChecker {
  private static final Provider PROVIDER = new BouncyCastleProvider();
  private static final String RSA_KEY = "1.2.840.113549.1.1.1";
  private static final String EC_KEY = "1.2.840.10045.2.1";

  /** Signature algorithm OID to {JCA name, required key algorithm OID, JCA key algorithm}. */
  private static final Map<String, String[]> ALGORITHMS =
      Map.of(
          "1.2.840.113549.1.1.11", new String[] {"SHA256withRSA", RSA_KEY, "RSA"},
          "1.2.840.113549.1.1.12", new String[] {"SHA384withRSA", RSA_KEY, "RSA"},
          "1.2.840.113549.1.1.13", new String[] {"SHA512withRSA", RSA_KEY, "RSA"},
          "1.2.840.10045.4.3.2", new String[] {"SHA256withECDSA", EC_KEY, "EC"},
          "1.2.840.10045.4.3.3", new String[] {"SHA384withECDSA", EC_KEY, "EC"},
          "1.2.840.10045.4.3.4", new String[] {"SHA512withECDSA", EC_KEY, "EC"},
          // ML-DSA (FIPS 204): the key and the signature share the OID.
          "2.16.840.1.101.3.4.3.17",
              new String[] {"ML-DSA-44", "2.16.840.1.101.3.4.3.17", "ML-DSA"},
          "2.16.840.1.101.3.4.3.18",
              new String[] {"ML-DSA-65", "2.16.840.1.101.3.4.3.18", "ML-DSA"},
          "2.16.840.1.101.3.4.3.19",
              new String[] {"ML-DSA-87", "2.16.840.1.101.3.4.3.19", "ML-DSA"});

  private SignatureChecker() {}

  /** Returns true when the algorithm is one this checker verifies. */
  public static boolean isSupported(AlgorithmIdentifier algorithm) {
    String[] entry = ALGORITHMS.get(algorithm.getAlgorithm().getId());
    if (entry == null) {
      return false;
    }
    // RSA PKCS#1 v1.5 allows absent or NULL parameters. ECDSA and ML-DSA require them absent.
    if (algorithm.getParameters() == null) {
      return true;
    }
    return entry[1].equals(RSA_KEY) && algorithm.getParameters() instanceof ASN1Null;
  }

  /** Returns the key algorithm OID the signature algorithm needs, or null when unsupported. */
  public static @Nullable String requiredKeyAlgorithm(AlgorithmIdentifier algorithm) {
    String[] entry = ALGORITHMS.get(algorithm.getAlgorithm().getId());
    return entry == null ? null : entry[1];
  }

  /** Verifies the subject's signature under the issuer's public key. */
  public static boolean verify(ParsedCertificate subject, byte[] issuerPublicKeyInfo) {
    return verify(subject, issuerPublicKeyInfo, null);
  }

  /**
   * Verifies the subject's signature under the issuer's public key, taking the decoded key from
   * {@code keys} when it is there.
   */
  public static boolean verify(
      ParsedCertificate subject, byte[] issuerPublicKeyInfo, @Nullable PublicKeyCache keys) {
    String[] entry = ALGORITHMS.get(subject.signatureAlgorithm().getAlgorithm().getId());
    if (entry == null) {
      return false;
    }
    try {
      PublicKey key = keys == null ? null : keys.get(issuerPublicKeyInfo);
      if (key == null) {
        key = decodeKey(entry[2], issuerPublicKeyInfo);
        if (key == null) {
          return false;
        }
        if (keys != null) {
          keys.put(issuerPublicKeyInfo, key);
        }
      }
      Signature verifier = Signature.getInstance(entry[0], PROVIDER);
      verifier.initVerify(key);
      verifier.update(subject.tbs());
      return verifier.verify(subject.signature());
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // A malformed key or signature encoding is a failed verification, not an error.
      return false;
    }
  }

  /**
   * Decodes the issuer's SubjectPublicKeyInfo, or returns null when it is malformed. The key is
   * decoded here, on first use, because most links are found in the link cache.
   */
  private static @Nullable PublicKey decodeKey(String algorithm, byte[] publicKeyInfo)
      throws NoSuchAlgorithmException {
    try {
      return KeyFactory.getInstance(algorithm, PROVIDER)
          .generatePublic(new X509EncodedKeySpec(publicKeyInfo));
    } catch (InvalidKeySpecException e) {
      return null;
    } catch (RuntimeException e) {
      // BouncyCastle's key decoders signal some malformed encodings (a point off the curve, a
      // wrong inner type) with unchecked exceptions, and this input comes from the device.
      return null;
    }
  }
}
