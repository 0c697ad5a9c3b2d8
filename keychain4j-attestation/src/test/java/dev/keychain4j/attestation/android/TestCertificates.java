package dev.keychain4j.attestation.android;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/** Builds certificates and KeyDescriptions with BouncyCastle for forged and custom chains. */
final class TestCertificates {
  private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();
  private static final AtomicLong SERIALS = new AtomicLong(1000);

  private TestCertificates() {}

  static KeyPair mlDsaKeyPair() {
    try {
      return KeyPairGenerator.getInstance("ML-DSA-65", PROVIDER).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair ecKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", PROVIDER);
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Issues a certificate.
   *
   * @param keyDescription the KeyDescription DER to embed, or null for none
   */
  static X509Certificate issue(
      String subject,
      PublicKey subjectKey,
      String issuer,
      KeyPair issuerKeys,
      boolean ca,
      byte @Nullable [] keyDescription) {
    return issue(
        new X500Name(subject), subjectKey, new X500Name(issuer), issuerKeys, ca, keyDescription);
  }

  static X509Certificate issue(
      X500Name subject,
      PublicKey subjectKey,
      X500Name issuer,
      KeyPair issuerKeys,
      boolean ca,
      byte @Nullable [] keyDescription) {
    Instant now = Instant.parse("2024-01-01T00:00:00Z");
    try {
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuer,
              BigInteger.valueOf(SERIALS.incrementAndGet()),
              Date.from(now),
              Date.from(now.plus(36500, ChronoUnit.DAYS)),
              subject,
              subjectKey);
      if (ca) {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      }
      if (keyDescription != null) {
        builder.addExtension(new ASN1ObjectIdentifier(KeyDescription.OID), false, keyDescription);
      }
      return new JcaX509CertificateConverter()
          .setProvider(PROVIDER)
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder(signatureAlgorithm(issuerKeys))
                      .setProvider(PROVIDER)
                      .build(issuerKeys.getPrivate())));
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String signatureAlgorithm(KeyPair issuerKeys) {
    return issuerKeys.getPublic().getAlgorithm().startsWith("ML-DSA")
        ? "ML-DSA-65"
        : "SHA256withECDSA";
  }

  /** Wraps a value in an EXPLICIT context tag, as authorization lists encode each field. */
  static ASN1Encodable tag(int number, ASN1Encodable value) {
    return new DERTaggedObject(true, number, value);
  }

  static ASN1Encodable integerSet(int... values) {
    ASN1EncodableVector vector = new ASN1EncodableVector();
    for (int value : values) {
      vector.add(new ASN1Integer(value));
    }
    return new DERSet(vector);
  }

  static ASN1Encodable rootOfTrust(boolean locked, int state, byte @Nullable [] hash) {
    ASN1EncodableVector vector = new ASN1EncodableVector();
    vector.add(new DEROctetString(new byte[32]));
    vector.add(ASN1Boolean.getInstance(locked));
    vector.add(new ASN1Enumerated(state));
    if (hash != null) {
      vector.add(new DEROctetString(hash));
    }
    return new DERSequence(vector);
  }

  /** Builds a list in the order given, which lets tests put tags out of order. */
  static DERSequence list(ASN1Encodable... entries) {
    return new DERSequence(entries);
  }

  static byte[] keyDescription(
      int version,
      int securityLevel,
      byte[] challenge,
      DERSequence software,
      DERSequence hardware) {
    ASN1EncodableVector vector = new ASN1EncodableVector();
    vector.add(new ASN1Integer(version));
    vector.add(new ASN1Enumerated(securityLevel));
    vector.add(new ASN1Integer(version));
    vector.add(new ASN1Enumerated(securityLevel));
    vector.add(new DEROctetString(challenge));
    vector.add(new DEROctetString(new byte[0]));
    vector.add(software);
    vector.add(hardware);
    try {
      return new DERSequence(vector).getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Builds the KeyDescription of a TEE key on a locked, verified device, with this challenge. */
  static byte[] teeKeyDescription(byte[] challenge, int... purposes) {
    return keyDescription(
        300,
        1,
        challenge,
        list(),
        list(
            tag(1, integerSet(purposes)),
            tag(2, new ASN1Integer(3)),
            tag(503, DERNull.INSTANCE),
            tag(704, rootOfTrust(true, 0, new byte[32])),
            tag(705, new ASN1Integer(140000)),
            tag(706, new ASN1Integer(202408))));
  }

  /** A three-level custom chain: root CA, intermediate CA and the attested key's certificate. */
  static final class CustomChain {
    final KeyPair rootKeys = ecKeyPair();
    final KeyPair intermediateKeys = ecKeyPair();
    final KeyPair attestedKeys = ecKeyPair();
    final X509Certificate root =
        issue("CN=Test Root", rootKeys.getPublic(), "CN=Test Root", rootKeys, true, null);
    final X509Certificate intermediate =
        issue(
            "CN=Test Intermediate",
            intermediateKeys.getPublic(),
            "CN=Test Root",
            rootKeys,
            true,
            null);
    final X509Certificate attested;

    CustomChain(byte[] keyDescription) {
      attested =
          issue(
              "CN=Android Keystore Key",
              attestedKeys.getPublic(),
              "CN=Test Intermediate",
              intermediateKeys,
              false,
              keyDescription);
    }
  }
}
