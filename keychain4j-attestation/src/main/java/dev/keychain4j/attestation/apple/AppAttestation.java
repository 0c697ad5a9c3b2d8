package dev.keychain4j.attestation.apple;

import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A verified App Attest attestation: the key that a genuine instance of the app created in the
 * Secure Enclave. Store {@link #publicKey()} and {@link #counter()} under {@link #keyId()} to
 * verify the app's later assertions.
 */
public final class AppAttestation {
  private final byte[] keyId;
  private final ECPublicKey publicKey;
  private final long counter;
  private final AppAttestEnvironment environment;
  private final AppId appId;
  private final byte[] receipt;
  private final Optional<AppAttestReceipt> receiptFields;
  private final List<X509Certificate> certificateChain;

  AppAttestation(
      byte[] keyId,
      ECPublicKey publicKey,
      long counter,
      AppAttestEnvironment environment,
      AppId appId,
      byte[] receipt,
      Optional<AppAttestReceipt> receiptFields,
      List<X509Certificate> certificateChain) {
    this.keyId = keyId.clone();
    this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
    this.counter = counter;
    this.environment = Objects.requireNonNull(environment, "environment");
    this.appId = Objects.requireNonNull(appId, "appId");
    this.receipt = receipt.clone();
    this.receiptFields = Objects.requireNonNull(receiptFields, "receiptFields");
    this.certificateChain = List.copyOf(certificateChain);
  }

  /** Returns a copy of the key id: SHA-256 of the uncompressed public key point. */
  public byte[] keyId() {
    return keyId.clone();
  }

  /** Returns the attested P-256 public key, from the credential certificate. */
  public ECPublicKey publicKey() {
    return publicKey;
  }

  /** Returns the sign counter, always 0 for an attestation. */
  public long counter() {
    return counter;
  }

  /** Returns the environment that the AAGUID matched. */
  public AppAttestEnvironment environment() {
    return environment;
  }

  /** Returns the app id that the relying-party ID hash matched. */
  public AppId appId() {
    return appId;
  }

  /**
   * Returns a copy of the receipt bytes. Send them to Apple's server to obtain a fraud risk metric.
   */
  public byte[] receipt() {
    return receipt.clone();
  }

  /**
   * Returns the receipt's fields when the receipt decodes as a CMS SignedData. The receipt's
   * signature is not verified, so these fields are not authenticated.
   */
  public Optional<AppAttestReceipt> receiptFields() {
    return receiptFields;
  }

  /** Returns the credential certificate and the intermediate, leaf first, without the root. */
  public List<X509Certificate> certificateChain() {
    return certificateChain;
  }

  @Override
  public String toString() {
    return "AppAttestation[keyId="
        + Base64.getEncoder().encodeToString(keyId)
        + ", counter="
        + counter
        + ", environment="
        + environment
        + ", appId="
        + appId
        + "]";
  }
}
