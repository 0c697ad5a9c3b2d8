package dev.keychain4j.attestation.apple.internal;

import dev.keychain4j.attestation.apple.AppAttestException;
import dev.keychain4j.attestation.apple.AppAttestReason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

/** Decoding of the {@code x5c} certificates and the chain check against the pinned root. */
public final class Certificates {
  /** The App Attest nonce extension of the credential certificate. */
  public static final String NONCE_EXTENSION_OID = "1.2.840.113635.100.8.2";

  private static final int NONCE_BYTES = 32;

  private Certificates() {}

  /**
   * Decodes one DER certificate, rejecting trailing bytes.
   *
   * <p>BouncyCastle's ASN.1 classes report some structure errors with unchecked exceptions, so
   * those are turned into a typed failure here.
   */
  public static X509Certificate decode(byte[] der, Provider provider, String label)
      throws AppAttestException {
    try {
      // fromByteArray rejects bytes after the first ASN.1 object.
      ASN1Primitive primitive = ASN1Primitive.fromByteArray(der);
      org.bouncycastle.asn1.x509.Certificate structure =
          org.bouncycastle.asn1.x509.Certificate.getInstance(primitive);
      if (structure == null) {
        throw new AppAttestException(AppAttestReason.MALFORMED_CERTIFICATE, label + " is empty");
      }
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .setProvider(provider)
              .getCertificate(new X509CertificateHolder(structure));

      // BouncyCastle decodes these lazily; decoding them here keeps the failure typed.
      certificate.getPublicKey();
      certificate.getSubjectX500Principal();
      certificate.getIssuerX500Principal();
      return certificate;
    } catch (IOException
        | CertificateException
        | IllegalArgumentException
        | IllegalStateException
        | ClassCastException e) {
      throw new AppAttestException(
          AppAttestReason.MALFORMED_CERTIFICATE, label + " is not a DER X.509 certificate", e);
    }
  }

  /** Reads a PEM certificate, such as the pinned root. */
  public static X509Certificate readPem(byte[] pem) throws CertificateException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(pem));
  }

  /** Returns the P-256 public key of {@code certificate}. */
  public static ECPublicKey p256Key(X509Certificate certificate, String label)
      throws AppAttestException {
    if (!(certificate.getPublicKey() instanceof ECPublicKey key)
        || !EcP256.isP256(key.getParams())) {
      throw new AppAttestException(
          AppAttestReason.MALFORMED_CERTIFICATE, label + " does not hold a P-256 public key");
    }
    return key;
  }

  /**
   * Checks that {@code chain} (leaf first) leads to {@code root} at {@code instant}: first each
   * certificate's validity period, so an expired chain gets its own reason, then PKIX path
   * validation without revocation checking, because Apple publishes no revocation data for App
   * Attest.
   */
  public static void validateChain(
      List<X509Certificate> chain, X509Certificate root, Instant instant, Provider provider)
      throws AppAttestException {
    Date date = Date.from(instant);
    List<X509Certificate> all = new ArrayList<>(chain);
    all.add(root);
    for (X509Certificate certificate : all) {
      try {
        certificate.checkValidity(date);
      } catch (CertificateExpiredException e) {
        throw new AppAttestException(
            AppAttestReason.CERTIFICATE_EXPIRED,
            "the certificate '"
                + certificate.getSubjectX500Principal().getName()
                + "' expired at "
                + certificate.getNotAfter().toInstant()
                + ", before the verification instant "
                + instant);
      } catch (CertificateNotYetValidException e) {
        throw new AppAttestException(
            AppAttestReason.CERTIFICATE_NOT_YET_VALID,
            "the certificate '"
                + certificate.getSubjectX500Principal().getName()
                + "' is valid from "
                + certificate.getNotBefore().toInstant()
                + ", after the verification instant "
                + instant);
      }
    }

    try {
      PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
      parameters.setRevocationEnabled(false);
      parameters.setDate(date);
      CertificateFactory factory = CertificateFactory.getInstance("X.509", provider);
      CertPathValidator.getInstance("PKIX", provider)
          .validate(factory.generateCertPath(chain), parameters);
    } catch (GeneralSecurityException e) {
      throw new AppAttestException(
          AppAttestReason.CERTIFICATE_CHAIN_INVALID,
          "the certificate chain does not lead to the App Attest root: " + e.getMessage(),
          e);
    }
  }

  /**
   * Returns the 32-byte nonce from the credential certificate's extension 1.2.840.113635.100.8.2, a
   * SEQUENCE holding a [1] EXPLICIT OCTET STRING.
   */
  public static byte[] nonce(X509Certificate credential) throws AppAttestException {
    byte[] extension = credential.getExtensionValue(NONCE_EXTENSION_OID);
    if (extension == null) {
      throw new AppAttestException(
          AppAttestReason.NONCE_EXTENSION_INVALID,
          "the credential certificate has no nonce extension " + NONCE_EXTENSION_OID);
    }
    try {
      byte[] value = ASN1OctetString.getInstance(extension).getOctets();
      ASN1Sequence sequence = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(value));
      if (sequence.size() != 1) {
        throw new IllegalArgumentException("expected one element, found " + sequence.size());
      }
      ASN1TaggedObject tagged = ASN1TaggedObject.getInstance(sequence.getObjectAt(0));
      if (tagged.getTagClass() != BERTags.CONTEXT_SPECIFIC || tagged.getTagNo() != 1) {
        throw new IllegalArgumentException("expected the tag [1]");
      }
      byte[] nonce = ASN1OctetString.getInstance(tagged, true).getOctets();
      if (nonce.length != NONCE_BYTES) {
        throw new IllegalArgumentException("the nonce has " + nonce.length + " bytes, expected 32");
      }
      return nonce;
    } catch (IOException
        | IllegalArgumentException
        | IllegalStateException
        | ClassCastException e) {
      throw new AppAttestException(
          AppAttestReason.NONCE_EXTENSION_INVALID,
          "the nonce extension " + NONCE_EXTENSION_OID + " is malformed: " + e.getMessage(),
          e);
    }
  }
}
