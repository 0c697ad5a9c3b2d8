package dev.keychain4j.attestation.apple;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Fields read from an App Attest receipt, a CMS (PKCS#7) SignedData whose content is a set of
 * {@code (type, version, value)} records.
 *
 * <p>These fields are <b>not authenticated</b>: the verifiers do not check the receipt's CMS
 * signature or its signer chain. Use them for display and diagnostics only, or send the receipt to
 * Apple's server, which checks it, before acting on them.
 *
 * @param appId field 2, the app id the receipt was issued for
 * @param receiptType field 6, {@code ATTEST} for an attestation receipt or {@code RECEIPT}
 * @param creationTime field 12
 * @param riskMetric field 17, present in receipts refreshed by Apple's server
 * @param notBefore field 19, when Apple's server first accepts the receipt for a refresh
 * @param expirationTime field 21
 */
public record AppAttestReceipt(
    Optional<String> appId,
    Optional<String> receiptType,
    Optional<Instant> creationTime,
    OptionalInt riskMetric,
    Optional<Instant> notBefore,
    Optional<Instant> expirationTime) {

  /** Checks that no component is null. */
  public AppAttestReceipt {
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(receiptType, "receiptType");
    Objects.requireNonNull(creationTime, "creationTime");
    Objects.requireNonNull(riskMetric, "riskMetric");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(expirationTime, "expirationTime");
  }
}
