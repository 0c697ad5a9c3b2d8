package dev.keychain4j.attestation.android;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1OctetString;

/** Loads the real device chains from the test resources under {@code /android}. */
final class TestChains {
  /** An instant at which the remotely provisioned akita intermediates are valid. */
  static final Instant AKITA_VALID = Instant.parse("2024-09-20T00:00:00Z");

  /** An instant after the 2016 factory root expired. */
  static final Instant AFTER_2016_ROOT_EXPIRY = Instant.parse("2026-12-01T00:00:00Z");

  static final byte[] CHALLENGE = "challenge".getBytes(StandardCharsets.UTF_8);

  private TestChains() {}

  static Path resourceDirectory(String name) {
    URL url = TestChains.class.getResource("/android/" + name);
    if (url == null) {
      throw new IllegalStateException("test resource /android/" + name + " is missing");
    }
    try {
      return Paths.get(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Lists every .pem file under a resource directory, sorted by path. */
  static List<Path> pemFiles(String directory) {
    try (Stream<Path> files = Files.walk(resourceDirectory(directory))) {
      return files.filter(p -> p.toString().endsWith(".pem")).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<X509Certificate> chain(Path pemFile) {
    return parse(text(pemFile));
  }

  static List<X509Certificate> chain(String resource) {
    return chain(resourceDirectory(resource));
  }

  static List<X509Certificate> parse(String pem) {
    try (InputStream in = new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))) {
      List<X509Certificate> chain = new ArrayList<>();
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      factory.generateCertificates(in).forEach(c -> chain.add((X509Certificate) c));
      return chain;
    } catch (IOException | CertificateException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<byte[]> der(List<X509Certificate> chain) {
    List<byte[]> der = new ArrayList<>();
    for (X509Certificate certificate : chain) {
      try {
        der.add(certificate.getEncoded());
      } catch (CertificateException e) {
        throw new IllegalStateException(e);
      }
    }
    return der;
  }

  /** Returns the KeyDescription DER inside the leaf's extension. */
  static byte[] leafExtension(List<X509Certificate> chain) {
    byte[] wrapped = chain.get(0).getExtensionValue(KeyDescription.OID);
    return ASN1OctetString.getInstance(wrapped).getOctets();
  }

  static Clock clockAt(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  /** A verifier with Google's roots, no revocation check, at the given instant. */
  static AndroidAttestationVerifier.Builder verifierAt(Instant instant) {
    return AndroidAttestationVerifier.builder()
        .insecureSkipRevocationCheck()
        .clock(clockAt(instant));
  }
}
