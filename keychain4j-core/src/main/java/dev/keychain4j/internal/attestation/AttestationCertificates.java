package dev.keychain4j.internal.attestation;

import dev.keychain4j.KeychainException;
import dev.keychain4j.Purpose;
import dev.keychain4j.SignatureSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Builds the certificates of attestation chains with BouncyCastle, signing each TBSCertificate
 * through a {@link ElementContentSigner.Signer}, so that the issuing private key can stay inside a secure element.
 */
public final class AttestationCertificates {
  /** The Android key attestation extension. */
  public static final ASN1ObjectIdentifier KEY_DESCRIPTION_OID =
      new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.1.17");

  /**
   * The notAfter of leaf certificates: 9999-12-31T23:59:59Z, which RFC 5280 section 4.1.2.5
   * defines as "no well-defined expiration date". A key's own validity is in its KeyDescription.
   */
  public static final Instant NO_EXPIRATION = Instant.parse("9999-12-31T23:59:59Z");

  private static final SecureRandom RANDOM = new SecureRandom();

  private AttestationCertificates() {}

  /** The subject side of a certificate: everything but its issuer, serial number and signature. */
  public record Template(
      X500Name subject,
      SubjectPublicKeyInfo publicKey,
      Instant notBefore,
      Instant notAfter,
      @Nullable BasicConstraints basicConstraints,
      KeyUsage keyUsage,
      byte @Nullable [] keyDescription) {}

  /** Returns the template of a CA certificate; {@code pathLength} null means no limit. */
  public static Template ca(
      X500Name subject,
      SubjectPublicKeyInfo publicKey,
      Instant notBefore,
      Instant notAfter,
      @Nullable Integer pathLength) {
    BasicConstraints constraints =
        pathLength == null ? new BasicConstraints(true) : new BasicConstraints(pathLength);
    return new Template(
        subject,
        publicKey,
        notBefore,
        notAfter,
        constraints,
        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign),
        null);
  }

  /**
   * Returns the template of an attestation leaf: key usage from the purposes, and the
   * KeyDescription extension. The certificate of a key with the attest-key purpose is marked as a
   * CA with path length 0, so that generic X.509 path validation (such as {@code openssl verify})
   * accepts the certificates it signs. Android's verifiers accept such a chain as an attest-key
   * chain either way.
   */
  public static Template leaf(
      X500Name subject,
      SubjectPublicKeyInfo publicKey,
      Set<Purpose> purposes,
      Instant notBefore,
      byte[] keyDescription) {
    int usage = 0;
    for (Purpose purpose : purposes) {
      switch (purpose) {
        case SIGN:
        case VERIFY:
          usage |= KeyUsage.digitalSignature;
          break;
        case ENCRYPT:
        case DECRYPT:
          usage |= KeyUsage.keyEncipherment;
          break;
        case AGREE_KEY:
          usage |= KeyUsage.keyAgreement;
          break;
        case ATTEST_KEY:
          usage |= KeyUsage.keyCertSign;
          break;
        default:
          throw new IllegalStateException("Unhandled purpose " + purpose);
      }
    }
    BasicConstraints constraints =
        purposes.contains(Purpose.ATTEST_KEY) ? new BasicConstraints(0) : null;
    return new Template(
        subject,
        publicKey,
        notBefore,
        NO_EXPIRATION,
        constraints,
        new KeyUsage(usage),
        keyDescription.clone());
  }

  /**
   * Issues a certificate for {@code template}, with a random positive 63-bit serial number,
   * signed by {@code signer} with {@code spec}.
   */
  public static X509Certificate issue(
      Template template, X500Name issuer, SignatureSpec spec, ElementContentSigner.Signer signer)
      throws KeychainException {
    BigInteger serial = BigInteger.valueOf(RANDOM.nextLong() & Long.MAX_VALUE).or(BigInteger.ONE);
    X509v3CertificateBuilder builder =
        new X509v3CertificateBuilder(
            issuer,
            serial,
            Date.from(template.notBefore()),
            Date.from(template.notAfter()),
            template.subject(),
            template.publicKey());
    try {
      if (template.basicConstraints() != null) {
        builder.addExtension(Extension.basicConstraints, true, template.basicConstraints());
      }
      builder.addExtension(Extension.keyUsage, true, template.keyUsage());
      if (template.keyDescription() != null) {
        // The byte[] overload wraps the KeyDescription DER in the extension's OCTET STRING.
        builder.addExtension(KEY_DESCRIPTION_OID, false, template.keyDescription());
      }
      byte[] der = builder.build(new ElementContentSigner(spec, signer)).getEncoded();
      return (X509Certificate)
          CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    } catch (ElementContentSigner.SigningFailure e) {
      throw e.failure();
    } catch (IOException | CertificateException e) {
      throw new KeychainException("Encoding an attestation certificate failed", e);
    }
  }
}
