package dev.keychain4j.attestation.android.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.Time;
import org.jspecify.annotations.Nullable;

/**
 * The parts of an X.509 certificate that chain verification needs, decoded once with BouncyCastle's
 * ASN.1 classes (no JCA certificate object).
 */
public final class ParsedCertificate {
  private static final ASN1ObjectIdentifier ATTESTATION_OID =
      new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.1.17");

  private final byte[] der;
  private final byte[] tbs;
  private final AlgorithmIdentifier signatureAlgorithm;
  private final AlgorithmIdentifier tbsSignatureAlgorithm;
  private final byte[] signature;
  private final byte[] publicKeyInfo;
  private final String publicKeyAlgorithm;
  private final X500Name subject;
  private final X500Name issuer;
  private final String subjectText;
  private final String issuerText;
  private final BigInteger serialNumber;
  private final Time notBefore;
  private final Time notAfter;
  private final boolean ca;
  private final @Nullable Integer pathLength;
  private final byte @Nullable [] attestationExtension;

  private ParsedCertificate(byte[] der) throws MalformedCertificateException {
    this.der = der.clone();
    Certificate certificate;
    try {
      certificate = Certificate.getInstance(ASN1Primitive.fromByteArray(this.der));
      this.tbs = rawTbs(this.der);
      this.signatureAlgorithm = certificate.getSignatureAlgorithm();
      this.tbsSignatureAlgorithm = certificate.getTBSCertificate().getSignature();
      this.signature = certificate.getSignature().getOctets();
      this.publicKeyInfo = certificate.getSubjectPublicKeyInfo().getEncoded();
      this.publicKeyAlgorithm =
          certificate.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().getId();
      this.subject = certificate.getSubject();
      this.issuer = certificate.getIssuer();
      // X500Name decodes attribute values only when they are printed or compared, so a malformed
      // name would throw later, in the middle of chain checks. Printing both names here moves that
      // failure into parsing.
      this.subjectText = subject.toString();
      this.issuerText = issuer.toString();
      this.serialNumber = certificate.getSerialNumber().getValue();
      // Decoded on demand: most chains skip the validity check, and date parsing is slow.
      this.notBefore = certificate.getStartDate();
      this.notAfter = certificate.getEndDate();
      Extensions extensions = certificate.getTBSCertificate().getExtensions();
      BasicConstraints constraints =
          extensions == null ? null : BasicConstraints.fromExtensions(extensions);
      this.ca = constraints != null && constraints.isCA();
      BigInteger length = constraints == null ? null : constraints.getPathLenConstraint();
      this.pathLength =
          length == null ? null : length.min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
      Extension attestation = extensions == null ? null : extensions.getExtension(ATTESTATION_OID);
      ASN1OctetString value = attestation == null ? null : attestation.getExtnValue();
      this.attestationExtension = value == null ? null : value.getOctets();
    } catch (IOException | RuntimeException e) {
      // BouncyCastle signals malformed structures with IllegalArgumentException or
      // IllegalStateException as well as IOException.
      throw new MalformedCertificateException(
          "not a valid X.509 certificate: " + e.getMessage(), e);
    }
  }

  public static ParsedCertificate parse(byte[] der) throws MalformedCertificateException {
    return new ParsedCertificate(der);
  }

  /** Returns the TBSCertificate bytes exactly as encoded, which the signature covers. */
  private static byte[] rawTbs(byte[] der) throws MalformedCertificateException {
    int tbsStart = headerLength(der, 0);
    int tbsEnd = tbsStart + headerLength(der, tbsStart) + contentLength(der, tbsStart);
    if (tbsEnd > der.length) {
      throw new MalformedCertificateException("TBSCertificate is truncated");
    }
    return Arrays.copyOfRange(der, tbsStart, tbsEnd);
  }

  private static int headerLength(byte[] der, int offset) throws MalformedCertificateException {
    if (offset + 1 >= der.length) {
      throw new MalformedCertificateException("certificate is truncated");
    }
    int lengthByte = der[offset + 1] & 0xFF;
    return lengthByte < 0x80 ? 2 : 2 + (lengthByte & 0x7F);
  }

  private static int contentLength(byte[] der, int offset) throws MalformedCertificateException {
    int lengthByte = der[offset + 1] & 0xFF;
    if (lengthByte < 0x80) {
      return lengthByte;
    }
    int count = lengthByte & 0x7F;
    if (count == 0 || count > 3 || offset + 2 + count > der.length) {
      throw new MalformedCertificateException("certificate has an unsupported length encoding");
    }
    int length = 0;
    for (int i = 0; i < count; i++) {
      length = (length << 8) | (der[offset + 2 + i] & 0xFF);
    }
    return length;
  }

  /** The encoded bytes without a copy, for hashing; callers must not modify them. */
  public byte[] derUnsafe() {
    return der;
  }

  public byte[] tbs() {
    return tbs;
  }

  public AlgorithmIdentifier signatureAlgorithm() {
    return signatureAlgorithm;
  }

  public AlgorithmIdentifier tbsSignatureAlgorithm() {
    return tbsSignatureAlgorithm;
  }

  public byte[] signature() {
    return signature;
  }

  /** Returns the DER of the SubjectPublicKeyInfo. */
  public byte[] publicKeyInfo() {
    return publicKeyInfo;
  }

  /** Returns the OID of the subject public key algorithm. */
  public String publicKeyAlgorithm() {
    return publicKeyAlgorithm;
  }

  public X500Name subject() {
    return subject;
  }

  public X500Name issuer() {
    return issuer;
  }

  /** Returns the subject name in RFC 4519 string form, for messages. */
  public String subjectText() {
    return subjectText;
  }

  /** Returns the issuer name in RFC 4519 string form, for messages. */
  public String issuerText() {
    return issuerText;
  }

  public BigInteger serialNumber() {
    return serialNumber;
  }

  /**
   * Returns the start of the validity period.
   *
   * @throws MalformedCertificateException when the time value cannot be decoded
   */
  public Instant notBefore() throws MalformedCertificateException {
    return instant(notBefore);
  }

  /**
   * Returns the end of the validity period.
   *
   * @throws MalformedCertificateException when the time value cannot be decoded
   */
  public Instant notAfter() throws MalformedCertificateException {
    return instant(notAfter);
  }

  private static Instant instant(Time time) throws MalformedCertificateException {
    try {
      return time.getDate().toInstant();
    } catch (RuntimeException e) {
      throw new MalformedCertificateException("invalid validity time: " + e.getMessage(), e);
    }
  }

  public boolean isCa() {
    return ca;
  }

  /** The basicConstraints pathLenConstraint, or null when absent. */
  public @Nullable Integer pathLength() {
    return pathLength;
  }

  public boolean isSelfIssued() {
    return subject.equals(issuer);
  }

  /** The contents of the attestation extension's OCTET STRING, or null when absent. */
  public byte @Nullable [] attestationExtension() {
    return attestationExtension == null ? null : attestationExtension.clone();
  }

  /** Returns the first value of a subject attribute (for example O or CN), or null. */
  public @Nullable String subjectAttribute(ASN1ObjectIdentifier type) {
    RDN[] rdns = subject.getRDNs(type);
    return rdns.length == 0 ? null : IETFUtils.valueToString(rdns[0].getFirst().getValue());
  }

  /** Returns true for the Google-operated remote provisioning intermediates ("Droid CA2", ...). */
  public boolean isRemoteProvisioningCa() {
    String organization = subjectAttribute(BCStyle.O);
    String commonName = subjectAttribute(BCStyle.CN);
    return "Google LLC".equals(organization)
        && commonName != null
        && commonName.startsWith("Droid CA");
  }
}
