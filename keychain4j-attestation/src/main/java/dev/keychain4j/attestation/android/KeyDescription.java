package dev.keychain4j.attestation.android;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.jspecify.annotations.Nullable;

/**
 * The Android key attestation extension (OID 1.3.6.1.4.1.11129.2.1.17) of an attestation
 * certificate, decoded.
 *
 * <p>Parsing accepts the deviations real devices produce (see {@link WarningCode}) and records each
 * one in {@link #warnings()}; a verifier built in strict mode rejects them.
 */
public final class KeyDescription {
  /** The extension's object identifier. */
  public static final String OID = "1.3.6.1.4.1.11129.2.1.17";

  private final int attestationVersion;
  private final SecurityLevel attestationSecurityLevel;
  private final int keyMintVersion;
  private final SecurityLevel keyMintSecurityLevel;
  private final byte[] attestationChallenge;
  private final byte[] uniqueId;
  private final AuthorizationList softwareEnforced;
  private final AuthorizationList hardwareEnforced;
  private final List<AttestationWarning> warnings;

  KeyDescription(
      int attestationVersion,
      SecurityLevel attestationSecurityLevel,
      int keyMintVersion,
      SecurityLevel keyMintSecurityLevel,
      byte[] attestationChallenge,
      byte[] uniqueId,
      AuthorizationList softwareEnforced,
      AuthorizationList hardwareEnforced,
      List<AttestationWarning> warnings) {
    this.attestationVersion = attestationVersion;
    this.attestationSecurityLevel = attestationSecurityLevel;
    this.keyMintVersion = keyMintVersion;
    this.keyMintSecurityLevel = keyMintSecurityLevel;
    this.attestationChallenge = attestationChallenge.clone();
    this.uniqueId = uniqueId.clone();
    this.softwareEnforced = softwareEnforced;
    this.hardwareEnforced = hardwareEnforced;
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Parses the DER of a KeyDescription (the contents of the extension's OCTET STRING).
   *
   * @throws KeyDescriptionParseException when a field has the wrong type, the data is truncated or
   *     has trailing bytes, or a value is out of range. The exception names the tag.
   */
  public static KeyDescription parse(byte[] der) throws KeyDescriptionParseException {
    return new KeyDescriptionParser().parse(der);
  }

  /**
   * Parses the attestation extension of a certificate.
   *
   * @return empty when the certificate has no attestation extension
   * @throws KeyDescriptionParseException when the extension is present but malformed
   */
  public static Optional<KeyDescription> fromCertificate(X509Certificate certificate)
      throws KeyDescriptionParseException {
    byte[] extension = certificate.getExtensionValue(OID);
    if (extension == null) {
      return Optional.empty();
    }
    ASN1OctetString octets;
    try {
      octets = ASN1OctetString.getInstance(extension);
    } catch (IllegalArgumentException e) {
      throw new KeyDescriptionParseException(
          "the attestation extension value is not an OCTET STRING", null, e);
    }
    return Optional.of(parse(octets.getOctets()));
  }

  /** 1, 2, 3, 4 (Keymaster), 100, 200, 300, 400 (KeyMint) or 500. */
  public int attestationVersion() {
    return attestationVersion;
  }

  /** Returns the security level of the component that signed the attestation. */
  public SecurityLevel attestationSecurityLevel() {
    return attestationSecurityLevel;
  }

  /** The KeyMint version, or the Keymaster version before attestation version 100. */
  public int keyMintVersion() {
    return keyMintVersion;
  }

  public SecurityLevel keyMintSecurityLevel() {
    return keyMintSecurityLevel;
  }

  public byte[] attestationChallenge() {
    return attestationChallenge.clone();
  }

  public byte[] uniqueId() {
    return uniqueId.clone();
  }

  public AuthorizationList softwareEnforced() {
    return softwareEnforced;
  }

  public AuthorizationList hardwareEnforced() {
    return hardwareEnforced;
  }

  /** Encoding deviations found while parsing, in the order they were found. */
  public List<AttestationWarning> warnings() {
    return warnings;
  }

  /**
   * Returns true when either list grants the ATTEST_KEY purpose (7), so the key may sign other
   * attestation certificates.
   */
  public boolean isAttestKey() {
    return hardwareEnforced.purposes().contains(7) || softwareEnforced.purposes().contains(7);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (!(other instanceof KeyDescription)) {
      return false;
    }
    KeyDescription that = (KeyDescription) other;
    return attestationVersion == that.attestationVersion
        && attestationSecurityLevel == that.attestationSecurityLevel
        && keyMintVersion == that.keyMintVersion
        && keyMintSecurityLevel == that.keyMintSecurityLevel
        && java.util.Arrays.equals(attestationChallenge, that.attestationChallenge)
        && java.util.Arrays.equals(uniqueId, that.uniqueId)
        && softwareEnforced.equals(that.softwareEnforced)
        && hardwareEnforced.equals(that.hardwareEnforced);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        attestationVersion, attestationSecurityLevel, keyMintVersion, keyMintSecurityLevel);
  }

  @Override
  public String toString() {
    return "KeyDescription[version="
        + attestationVersion
        + ", attestationSecurityLevel="
        + attestationSecurityLevel
        + ", keyMintSecurityLevel="
        + keyMintSecurityLevel
        + "]";
  }
}
