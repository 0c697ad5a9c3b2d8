package dev.keychain4j;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The application that opened a keychain: a name, a version and the SHA-256 digest of the
 * certificate it is signed with. Attestations carry it in the AttestationApplicationId structure
 * (tag 709), as Android reports the package name, version code and signing certificate digest of
 * the app that created a key.
 *
 * <p>The keychain cannot check what the application claims: a relying party should trust the
 * identity only as far as it trusts the host that ran the application.
 */
public final class ApplicationIdentity {
  /** Length of a signing certificate digest, in bytes (SHA-256). */
  public static final int DIGEST_LENGTH = 32;

  /** Maximum name length, in UTF-8 bytes. */
  public static final int MAX_NAME_LENGTH = 255;

  private final String name;
  private final long version;
  private final byte[] signingCertificateDigest;

  private ApplicationIdentity(String name, long version, byte[] signingCertificateDigest) {
    this.name = name;
    this.version = version;
    this.signingCertificateDigest = signingCertificateDigest;
  }

  /**
   * Returns an identity with the given SHA-256 digest of the application's signing certificate.
   *
   * @throws IllegalArgumentException if the name is empty or too long, the version is negative or
   *     the digest is not 32 bytes
   */
  public static ApplicationIdentity of(String name, long version, byte[] signingCertificateDigest) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(signingCertificateDigest, "signingCertificateDigest");
    int nameLength = name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (nameLength == 0 || nameLength > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "Invalid application name of " + nameLength + " bytes: give 1 to " + MAX_NAME_LENGTH
              + " UTF-8 bytes, such as com.example.app");
    }
    if (version < 0) {
      throw new IllegalArgumentException(
          "Invalid application version " + version + ": use 0 or a positive version code");
    }
    if (signingCertificateDigest.length != DIGEST_LENGTH) {
      throw new IllegalArgumentException(
          "Invalid signing certificate digest of " + signingCertificateDigest.length
              + " bytes: give the SHA-256 digest (" + DIGEST_LENGTH + " bytes) of the certificate");
    }
    return new ApplicationIdentity(name, version, signingCertificateDigest.clone());
  }

  /** Returns an identity whose digest is the SHA-256 of the DER of {@code signingCertificate}. */
  public static ApplicationIdentity of(String name, long version, X509Certificate signingCertificate) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(signingCertificate.getEncoded());
      return of(name, version, digest);
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException(
          "The signing certificate " + signingCertificate.getSubjectX500Principal()
              + " has no DER encoding");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JDK", e);
    }
  }

  public String name() {
    return name;
  }

  public long version() {
    return version;
  }

  /** Returns a copy of the SHA-256 digest of the signing certificate. */
  public byte[] signingCertificateDigest() {
    return signingCertificateDigest.clone();
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof ApplicationIdentity
        && ((ApplicationIdentity) other).name.equals(name)
        && ((ApplicationIdentity) other).version == version
        && Arrays.equals(((ApplicationIdentity) other).signingCertificateDigest, signingCertificateDigest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, version, Arrays.hashCode(signingCertificateDigest));
  }

  @Override
  public String toString() {
    return "ApplicationIdentity{name=" + name + ", version=" + version + ", signingCertificateDigest="
        + HexFormat.of().formatHex(signingCertificateDigest) + "}";
  }
}
