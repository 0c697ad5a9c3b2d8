package dev.keychain4j.jca;

import dev.keychain4j.Digest;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeychainException;
import dev.keychain4j.SignatureSpec;
import java.io.ByteArrayOutputStream;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.InvalidParameterSpecException;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import org.jspecify.annotations.Nullable;

/**
 * Signing with a keychain key: the message is collected here and signed in one call inside the
 * secure element. Verification is not offered, because public keys work with every provider.
 *
 * <p>NOTE: the whole message is buffered in memory, since the keychain API signs a complete
 * message. TLS handshakes, JWTs and CMS signed attributes are small; stream large documents through
 * CMS signed attributes rather than signing them directly.
 */
final class KeychainSignatureSpi extends SignatureSpi {
  private final String algorithm;
  private final KeyAlgorithm.Family family;
  private final @Nullable SignatureSpec fixedSpec;
  private @Nullable SignatureSpec spec;
  private final ByteArrayOutputStream message = new ByteArrayOutputStream();
  private @Nullable KeychainPrivateKey key;

  /** Creates the engine for a fixed scheme, or for RSASSA-PSS when {@code spec} is null. */
  KeychainSignatureSpi(String algorithm, KeyAlgorithm.Family family, @Nullable SignatureSpec spec) {
    this.algorithm = algorithm;
    this.family = family;
    this.fixedSpec = spec;
    this.spec = spec;
  }

  @Override
  protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
    throw new InvalidKeyException(
        "The Keychain4j provider only signs: verify " + algorithm
            + " signatures with the public key and any other provider");
  }

  @Override
  protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
    key = KeyChecks.requireHandle(privateKey, family, "Signature " + algorithm);
    message.reset();
  }

  @Override
  protected void engineUpdate(byte b) throws SignatureException {
    requireInitialized();
    message.write(b);
  }

  @Override
  protected void engineUpdate(byte[] bytes, int offset, int length) throws SignatureException {
    requireInitialized();
    message.write(bytes, offset, length);
  }

  @Override
  protected byte[] engineSign() throws SignatureException {
    KeychainPrivateKey signingKey = requireInitialized();
    SignatureSpec scheme = spec;
    if (scheme == null) {
      throw new SignatureException(
          "Missing PSS parameters for RSASSA-PSS: call setParameter with a PSSParameterSpec first");
    }
    byte[] data = message.toByteArray();
    message.reset();
    try {
      scheme.checkInputLength(data.length);
      return signingKey.keychain().sign(signingKey.tag(), scheme, data);
    } catch (IllegalArgumentException | KeychainException e) {
      // The JCA reports bad input to sign() as a SignatureException, such as a NONEwithECDSA hash
      // that is too long.
      throw new SignatureException(e.getMessage(), e);
    }
  }

  @Override
  protected boolean engineVerify(byte[] signature) throws SignatureException {
    throw new SignatureException("The Keychain4j provider only signs: verify with another provider");
  }

  /**
   * Sets the PSS parameters of {@code RSASSA-PSS}. The fixed PSS names ({@code SHA256withRSAandMGF1}
   * and so on) accept only the parameters they already use.
   */
  @Override
  protected void engineSetParameter(AlgorithmParameterSpec params) throws InvalidAlgorithmParameterException {
    boolean pss = fixedSpec == null || fixedSpec.scheme() == SignatureSpec.Scheme.RSA_PSS;
    if (!pss) {
      throw new InvalidAlgorithmParameterException(
          algorithm + " takes no parameters, but got " + params.getClass().getName());
    }
    if (!(params instanceof PSSParameterSpec)) {
      throw new InvalidAlgorithmParameterException(
          algorithm + " needs a PSSParameterSpec, not " + params.getClass().getName());
    }
    SignatureSpec requested = SignatureSpec.rsaPss(pssDigest((PSSParameterSpec) params));
    if (fixedSpec != null && !fixedSpec.equals(requested)) {
      throw new InvalidAlgorithmParameterException(
          algorithm + " signs with " + fixedSpec.digest().jcaName() + ", but the parameters name "
              + requested.digest().jcaName() + ": use RSASSA-PSS for other digests");
    }
    spec = requested;
  }

  /** Returns the digest of PSS parameters that the keychain supports, or explains the mismatch. */
  private static Digest pssDigest(PSSParameterSpec pss) throws InvalidAlgorithmParameterException {
    Digest digest = null;
    for (Digest candidate : Digest.values()) {
      if (candidate != Digest.NONE && candidate.jcaName().equalsIgnoreCase(pss.getDigestAlgorithm())) {
        digest = candidate;
      }
    }
    if (digest == null) {
      throw new InvalidAlgorithmParameterException(
          "Unsupported PSS digest " + pss.getDigestAlgorithm() + ": use SHA-256, SHA-384 or SHA-512");
    }
    boolean sameMgfDigest =
        "MGF1".equalsIgnoreCase(pss.getMGFAlgorithm())
            && pss.getMGFParameters() instanceof MGF1ParameterSpec
            && digest.jcaName().equalsIgnoreCase(((MGF1ParameterSpec) pss.getMGFParameters()).getDigestAlgorithm());
    if (!sameMgfDigest || pss.getSaltLength() != digest.length() || pss.getTrailerField() != 1) {
      throw new InvalidAlgorithmParameterException(
          "Unsupported PSS parameters: the keychain signs with MGF1 over the same digest, a salt of"
              + " the digest's length (" + digest.length() + " bytes for " + digest.jcaName()
              + ") and trailer field 1");
    }
    return digest;
  }

  @Override
  protected @Nullable AlgorithmParameters engineGetParameters() {
    SignatureSpec scheme = spec;
    if (scheme == null || scheme.scheme() != SignatureSpec.Scheme.RSA_PSS) {
      return null;
    }
    String digestName = scheme.digest().jcaName();
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("RSASSA-PSS");
      parameters.init(
          new PSSParameterSpec(
              digestName, "MGF1", new MGF1ParameterSpec(digestName), scheme.digest().length(), 1));
      return parameters;
    } catch (NoSuchAlgorithmException | InvalidParameterSpecException e) {
      throw new IllegalStateException("The JDK has no RSASSA-PSS parameters", e);
    }
  }

  @Override
  @Deprecated
  protected void engineSetParameter(String param, Object value) {
    throw new InvalidParameterException("No string parameters: use setParameter(AlgorithmParameterSpec)");
  }

  @Override
  @Deprecated
  protected Object engineGetParameter(String param) {
    throw new InvalidParameterException("No string parameters: use getParameters()");
  }

  private KeychainPrivateKey requireInitialized() throws SignatureException {
    KeychainPrivateKey signingKey = key;
    if (signingKey == null) {
      throw new SignatureException(algorithm + " is not initialized: call initSign with a keychain key");
    }
    return signingKey;
  }
}
