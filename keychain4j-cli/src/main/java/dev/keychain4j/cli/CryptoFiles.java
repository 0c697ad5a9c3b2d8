package dev.keychain4j.cli;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Reads certificates and public keys from files in PEM or DER form. Every failure, including
 * malformed ASN.1, is an {@link InvalidInputException} that names the file.
 */
final class CryptoFiles {
  static final String CERTIFICATE = "CERTIFICATE";
  static final String PUBLIC_KEY = "PUBLIC KEY";
  static final String CERTIFICATE_REQUEST = "CERTIFICATE REQUEST";

  /** JCA key factory names by the algorithm OID of a SubjectPublicKeyInfo. */
  private static final Map<String, String> KEY_FACTORIES =
      Map.of(
          "1.2.840.10045.2.1", "EC",
          "1.2.840.113549.1.1.1", "RSA",
          "1.3.101.110", "X25519",
          "1.3.101.112", "Ed25519");

  private CryptoFiles() {}

  /** Reads a certificate chain, leaf first: PEM {@code CERTIFICATE} blocks, or one DER certificate. */
  static List<X509Certificate> readCertificates(Path file) throws InvalidInputException {
    byte[] bytes = InputFiles.read(file, "certificate file");
    String text = new String(bytes, ISO_8859_1);
    if (!Pem.looksLikePem(text)) {
      if (!looksLikeDer(bytes)) {
        throw new InvalidInputException(
            file + " is neither PEM (it has no -----BEGIN line) nor a DER certificate");
      }
      return List.of(parseCertificate(bytes, file.toString()));
    }

    List<X509Certificate> chain = new ArrayList<>();
    for (PemBlock block : Pem.decode(text, file.toString())) {
      if (!block.label().equals(CERTIFICATE)) {
        throw new InvalidInputException(
            file + ": expected only '" + CERTIFICATE + "' PEM blocks, found '" + block.label()
                + "' at line " + block.line());
      }
      chain.add(parseCertificate(block.der(), file + " (PEM block at line " + block.line() + ")"));
    }
    if (chain.isEmpty()) {
      throw new InvalidInputException(file + " contains no PEM certificate");
    }
    return chain;
  }

  /** Reads a public key: one PEM {@code PUBLIC KEY} block or DER, both a SubjectPublicKeyInfo. */
  static PublicKey readPublicKey(Path file) throws InvalidInputException {
    byte[] bytes = InputFiles.read(file, "public key file");
    String text = new String(bytes, ISO_8859_1);
    if (!Pem.looksLikePem(text)) {
      if (!looksLikeDer(bytes)) {
        throw new InvalidInputException(
            file + " is neither PEM (it has no -----BEGIN line) nor a DER public key");
      }
      return parsePublicKey(bytes, file.toString());
    }

    List<PemBlock> blocks = Pem.decode(text, file.toString());
    if (blocks.size() != 1 || !blocks.get(0).label().equals(PUBLIC_KEY)) {
      throw new InvalidInputException(
          file + ": expected exactly one '" + PUBLIC_KEY + "' PEM block, as keychain export-public and"
              + " openssl pkey -pubout write");
    }
    return parsePublicKey(blocks.get(0).der(), file.toString());
  }

  private static X509Certificate parseCertificate(byte[] der, String source) throws InvalidInputException {
    Certificate certificate;
    byte[] encoded;
    try {
      certificate =
          CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
      encoded = certificate.getEncoded();
    } catch (CertificateException | RuntimeException e) {
      // RuntimeException too: the JDK parser is not promised to reject every malformed input with
      // a CertificateException. Its messages name Java exception classes, so they stay in the cause.
      throw new InvalidInputException(source + " is not a valid DER-encoded X.509 certificate", e);
    }
    if (!(certificate instanceof X509Certificate x509)) {
      throw new InvalidInputException(source + " is not an X.509 certificate");
    }
    if (!Arrays.equals(encoded, der)) {
      throw new InvalidInputException(source + " has extra data after the certificate: remove it");
    }
    return x509;
  }

  private static PublicKey parsePublicKey(byte[] der, String source) throws InvalidInputException {
    String oid;
    try {
      // fromByteArray rejects trailing data.
      oid = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(der)).getAlgorithm().getAlgorithm().getId();
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException(source + " is not a valid DER-encoded SubjectPublicKeyInfo", e);
    }

    String algorithm = KEY_FACTORIES.get(oid);
    if (algorithm == null) {
      throw new InvalidInputException(
          source + " holds a public key of algorithm " + oid + ", but expected EC, RSA, X25519 or Ed25519");
    }
    try {
      return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
    } catch (NoSuchAlgorithmException | InvalidKeySpecException | RuntimeException e) {
      throw new InvalidInputException(source + " is not a valid " + algorithm + " public key", e);
    }
  }

  /** Returns whether the bytes start like DER: a constructed SEQUENCE, as certificates and keys are. */
  private static boolean looksLikeDer(byte[] bytes) {
    return bytes.length > 1 && bytes[0] == 0x30;
  }
}
