package dev.keychain4j.internal;

import dev.keychain4j.KeychainException;
import dev.keychain4j.SignatureSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;

/** Builds PKCS#10 certification requests whose signature comes from a secure element. */
public final class CertificationRequests {
  private CertificationRequests() {}

  /** Signs the DER of a CertificationRequestInfo; the keychain's sign operation. */
  @FunctionalInterface
  public interface Signer {
    byte[] sign(byte[] toBeSigned) throws KeychainException;
  }

  /** Carries a checked exception out of {@link ContentSigner#getSignature()}. */
  private static final class SigningFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final KeychainException failure;

    SigningFailure(KeychainException failure) {
      super(failure.getMessage(), failure, false, false);
      this.failure = failure;
    }
  }

  /**
   * Returns the DER encoding of a CSR for {@code subjectDn} and the public key.
   *
   * @throws IllegalArgumentException if {@code subjectDn} is not an RFC 4514 distinguished name
   */
  public static byte[] create(
      String subjectDn, byte[] subjectPublicKeyInfo, SignatureSpec spec, Signer signer)
      throws KeychainException {
    X500Name subject;
    try {
      subject = new X500Name(subjectDn);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid subject '" + subjectDn + "': write a distinguished name such as"
              + " 'CN=example.com,O=Example'");
    }
    AlgorithmIdentifier algorithm =
        new DefaultSignatureAlgorithmIdentifierFinder().find(spec.jcaAlgorithm());

    ContentSigner contentSigner =
        new ContentSigner() {
          private final ByteArrayOutputStream toBeSigned = new ByteArrayOutputStream();

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
        };

    try {
      return new PKCS10CertificationRequestBuilder(
              subject, SubjectPublicKeyInfo.getInstance(subjectPublicKeyInfo))
          .build(contentSigner)
          .getEncoded();
    } catch (SigningFailure e) {
      throw e.failure;
    } catch (IOException e) {
      throw new KeychainException("Encoding the certification request failed", e);
    }
  }
}
