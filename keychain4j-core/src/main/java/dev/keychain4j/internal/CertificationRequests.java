package dev.keychain4j.internal;

import dev.keychain4j.KeychainException;
import dev.keychain4j.SignatureSpec;
import dev.keychain4j.internal.attestation.ElementContentSigner;
import java.io.IOException;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;

/** Builds PKCS#10 certification requests whose signature comes from a secure element. */
public final class CertificationRequests {
  private CertificationRequests() {}

  /**
   * Returns the DER encoding of a CSR for {@code subjectDn} and the public key.
   *
   * @throws IllegalArgumentException if {@code subjectDn} is not an RFC 4514 distinguished name
   */
  public static byte[] create(
      String subjectDn, byte[] subjectPublicKeyInfo, SignatureSpec spec, ElementContentSigner.Signer signer)
      throws KeychainException {
    X500Name subject;
    try {
      // X500Principal reads RFC 4514 order (last RDN first) and encodes it in DER order, as
      // openssl prints it back; BouncyCastle's string constructor would keep the written order.
      subject = X500Name.getInstance(new X500Principal(subjectDn).getEncoded());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid subject '" + subjectDn + "': write a distinguished name such as"
              + " 'CN=example.com,O=Example'");
    }
    try {
      return new PKCS10CertificationRequestBuilder(
              subject, SubjectPublicKeyInfo.getInstance(subjectPublicKeyInfo))
          .build(new ElementContentSigner(spec, signer))
          .getEncoded();
    } catch (ElementContentSigner.SigningFailure e) {
      throw e.failure();
    } catch (IOException e) {
      throw new KeychainException("Encoding the certification request failed", e);
    }
  }
}
