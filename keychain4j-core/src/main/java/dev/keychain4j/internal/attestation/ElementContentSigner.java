package dev.keychain4j.internal.attestation;

import dev.keychain4j.KeychainException;
import dev.keychain4j.SignatureSpec;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/**
 * A BouncyCastle {@link ContentSigner} that hands the bytes to be signed to a {@link Signer}, so
 * that CSRs and certificates are signed by a key that stays inside a secure element.
 */
public final class ElementContentSigner implements ContentSigner {
  /** Signs with a key inside the secure element. */
  @FunctionalInterface
  public interface Signer {
    byte[] sign(byte[] toBeSigned) throws KeychainException;
  }

  private final AlgorithmIdentifier algorithm;
  private final Signer signer;
  private final ByteArrayOutputStream toBeSigned = new ByteArrayOutputStream();

  public ElementContentSigner(SignatureSpec spec, Signer signer) {
    this.algorithm = new DefaultSignatureAlgorithmIdentifierFinder().find(spec.jcaAlgorithm());
    this.signer = signer;
  }

  @Override
  public AlgorithmIdentifier getAlgorithmIdentifier() {
    return algorithm;
  }

  @Override
  public OutputStream getOutputStream() {
    return toBeSigned;
  }

  @Override
  public byte[] getSignature() {
    try {
      return signer.sign(toBeSigned.toByteArray());
    } catch (KeychainException e) {
      throw new SigningFailure(e);
    }
  }

  /**
   * Carries the element's checked exception out of {@link ContentSigner#getSignature()}, which
   * cannot declare it. Callers catch it around the BouncyCastle builder and rethrow {@link
   * #failure()}.
   */
  public static final class SigningFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient KeychainException failure;

    SigningFailure(KeychainException failure) {
      super(failure.getMessage(), failure, false, false);
      this.failure = failure;
    }

    public KeychainException failure() {
      return failure;
    }
  }
}
