package dev.keychain4j.internal.enclave;

import dev.keychain4j.Digest;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeychainException;
import dev.keychain4j.SignatureSpec;
import dev.keychain4j.internal.BouncyCastle;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.bouncycastle.util.BigIntegers;

/**
 * The private-key operations on one unsealed key. EC and EdDSA use BouncyCastle's lightweight API
 * directly, which skips the JCA provider lookup on every call; RSA goes through the BouncyCastle
 * JCA provider. Instances are immutable and thread-safe.
 */
final class PrivateKeyOperations {
  private final KeyAlgorithm algorithm;
  private final AsymmetricKeyParameter lightweightKey;
  private final PrivateKey jcaKey;
  private final SecureRandom random;

  private PrivateKeyOperations(
      KeyAlgorithm algorithm, AsymmetricKeyParameter lightweightKey, PrivateKey jcaKey, SecureRandom random) {
    this.algorithm = algorithm;
    this.lightweightKey = lightweightKey;
    this.jcaKey = jcaKey;
    this.random = random;
  }

  /** Parses a PKCS#8 private key; the caller wipes {@code pkcs8} afterwards. */
  static PrivateKeyOperations fromPkcs8(KeyAlgorithm algorithm, byte[] pkcs8, SecureRandom random)
      throws IOException, GeneralSecurityException {
    AsymmetricKeyParameter lightweight = PrivateKeyFactory.createKey(pkcs8);
    String jcaAlgorithm;
    switch (algorithm.family()) {
      case EC:
        jcaAlgorithm = "EC";
        break;
      case ED25519:
        jcaAlgorithm = "Ed25519";
        break;
      case X25519:
        jcaAlgorithm = "X25519";
        break;
      default:
        jcaAlgorithm = "RSA";
        break;
    }
    PrivateKey jca =
        KeyFactory.getInstance(jcaAlgorithm, BouncyCastle.PROVIDER)
            .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    return new PrivateKeyOperations(algorithm, lightweight, jca, random);
  }

  /**
   * Returns the SubjectPublicKeyInfo DER of the public key, computed from the private key, in the
   * encoding BouncyCastle gives generated keys (named curve, uncompressed point).
   */
  byte[] publicKeyEncoding() throws IOException {
    AsymmetricKeyParameter publicKey;
    if (lightweightKey instanceof ECPrivateKeyParameters) {
      ECPrivateKeyParameters ec = (ECPrivateKeyParameters) lightweightKey;
      ECPoint q = new FixedPointCombMultiplier().multiply(ec.getParameters().getG(), ec.getD()).normalize();
      publicKey = new ECPublicKeyParameters(q, ec.getParameters());
    } else if (lightweightKey instanceof Ed25519PrivateKeyParameters) {
      publicKey = ((Ed25519PrivateKeyParameters) lightweightKey).generatePublicKey();
    } else if (lightweightKey instanceof X25519PrivateKeyParameters) {
      publicKey = ((X25519PrivateKeyParameters) lightweightKey).generatePublicKey();
    } else if (lightweightKey instanceof RSAPrivateCrtKeyParameters) {
      RSAPrivateCrtKeyParameters rsa = (RSAPrivateCrtKeyParameters) lightweightKey;
      publicKey = new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent());
    } else {
      throw new IOException("no public key can be computed from a " + algorithm.cliName() + " key without CRT parameters");
    }
    return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey).getEncoded(ASN1Encoding.DER);
  }

  byte[] sign(SignatureSpec spec, byte[] message) throws KeychainException {
    switch (spec.scheme()) {
      case ECDSA:
        spec.checkInputLength(message.length);
        return signEcdsa(spec.digest(), message);
      case ED25519:
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        ((Ed25519PrivateKeyParameters) lightweightKey)
            .sign(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
        return signature;
      default:
        return signRsa(spec, message);
    }
  }

  /**
   * Signs with ECDSA. With digest none the message is the hash itself, and ECDSASigner keeps its
   * leftmost bits up to the order's bit length, as SEC 1 requires.
   */
  private byte[] signEcdsa(Digest digest, byte[] message) throws KeychainException {
    byte[] hashed;
    if (digest == Digest.NONE) {
      hashed = message;
    } else {
      org.bouncycastle.crypto.Digest hash = lightweightDigest(digest);
      hash.update(message, 0, message.length);
      hashed = new byte[hash.getDigestSize()];
      hash.doFinal(hashed, 0);
    }

    ECDSASigner signer = new ECDSASigner();
    signer.init(true, new ParametersWithRandom(lightweightKey, random));
    BigInteger[] rs = signer.generateSignature(hashed);
    BigInteger order = ((ECPrivateKeyParameters) lightweightKey).getParameters().getN();
    try {
      return StandardDSAEncoding.INSTANCE.encode(order, rs[0], rs[1]);
    } catch (IOException e) {
      throw new KeychainException("ECDSA signature encoding failed for a " + algorithm.cliName() + " key", e);
    }
  }

  private byte[] signRsa(SignatureSpec spec, byte[] message) throws KeychainException {
    try {
      Signature signature = Signature.getInstance(spec.jcaAlgorithm(), BouncyCastle.PROVIDER);
      signature.initSign(jcaKey, random);
      signature.update(message);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new KeychainException("RSA signing failed with " + spec, e);
    }
  }

  /**
   * Decrypts RSA-OAEP.
   *
   * @throws KeychainException if the ciphertext does not decrypt, without saying why, so the
   *     error cannot serve as a padding oracle
   */
  byte[] decrypt(Digest oaepDigest, byte[] ciphertext, String tag) throws KeychainException {
    try {
      Cipher cipher = Cipher.getInstance("RSA/NONE/OAEPPadding", BouncyCastle.PROVIDER);
      OAEPParameterSpec parameters =
          new OAEPParameterSpec(
              oaepDigest.jcaName(),
              "MGF1",
              new MGF1ParameterSpec(oaepDigest.jcaName()),
              PSource.PSpecified.DEFAULT);
      cipher.init(Cipher.DECRYPT_MODE, jcaKey, parameters, random);
      return cipher.doFinal(ciphertext);
    } catch (BadPaddingException | IllegalBlockSizeException e) {
      throw new KeychainException(
          "Decryption with key '" + tag + "' failed: the input is not RSA-OAEP/"
              + oaepDigest.cliName() + " ciphertext for this key");
    } catch (GeneralSecurityException e) {
      throw new KeychainException("RSA-OAEP decryption is not available", e);
    }
  }

  /**
   * Computes the raw shared secret: the x coordinate for ECDH (SEC 1, section 3.3.1) padded to the
   * field size, or the 32-byte X25519 output.
   */
  byte[] agree(PublicKey peer, String tag) {
    byte[] encoded = peer.getEncoded();
    if (encoded == null) {
      throw new IllegalArgumentException(
          "The peer public key for key '" + tag + "' has no X.509 encoding: pass an EC or X25519"
              + " public key");
    }
    AsymmetricKeyParameter peerKey;
    try {
      peerKey = PublicKeyFactory.createKey(SubjectPublicKeyInfo.getInstance(encoded));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "The peer public key for key '" + tag + "' is not a valid " + algorithm.cliName()
              + " public key");
    }

    if (algorithm.family() == KeyAlgorithm.Family.X25519) {
      if (!(peerKey instanceof X25519PublicKeyParameters)) {
        throw peerMismatch(tag);
      }
      X25519Agreement agreement = new X25519Agreement();
      agreement.init(lightweightKey);
      byte[] secret = new byte[agreement.getAgreementSize()];
      try {
        agreement.calculateAgreement(peerKey, secret, 0);
      } catch (IllegalStateException e) {
        // RFC 7748 section 6.1: an all-zero output means a small-order peer point.
        throw new IllegalArgumentException(
            "The peer X25519 public key for key '" + tag + "' is a small-order point");
      }
      return secret;
    }

    ECPrivateKeyParameters own = (ECPrivateKeyParameters) lightweightKey;
    if (!(peerKey instanceof ECPublicKeyParameters)
        || !((ECPublicKeyParameters) peerKey).getParameters().equals(own.getParameters())) {
      throw peerMismatch(tag);
    }
    ECDHBasicAgreement agreement = new ECDHBasicAgreement();
    agreement.init(own);
    BigInteger x = agreement.calculateAgreement(peerKey);
    int fieldBytes = (own.getParameters().getCurve().getFieldSize() + 7) / 8;
    return BigIntegers.asUnsignedByteArray(fieldBytes, x);
  }

  private IllegalArgumentException peerMismatch(String tag) {
    return new IllegalArgumentException(
        "The peer public key does not fit key '" + tag + "': pass a " + algorithm.cliName()
            + " public key");
  }

  private static org.bouncycastle.crypto.Digest lightweightDigest(Digest digest) {
    switch (digest) {
      case SHA256:
        return new SHA256Digest();
      case SHA384:
        return new SHA384Digest();
      case SHA512:
        return new SHA512Digest();
      default:
        throw new IllegalArgumentException("Digest " + digest + " cannot be used with ECDSA");
    }
  }
}
