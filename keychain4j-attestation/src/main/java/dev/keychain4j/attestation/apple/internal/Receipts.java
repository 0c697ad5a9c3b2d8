package dev.keychain4j.attestation.apple.internal;

import dev.keychain4j.attestation.apple.AppAttestReceipt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalInt;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSTypedData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reader of App Attest receipt fields. The receipt's CMS signature is not verified, so the fields
 * are informational.
 */
public final class Receipts {
  private static final Logger LOG = LoggerFactory.getLogger(Receipts.class);

  // Field types from Apple's "Assessing fraud risk" documentation.
  private static final int APP_ID = 2;
  private static final int RECEIPT_TYPE = 6;
  private static final int CREATION_TIME = 12;
  private static final int RISK_METRIC = 17;
  private static final int NOT_BEFORE = 19;
  private static final int EXPIRATION_TIME = 21;

  private Receipts() {}

  /**
   * Reads the fields of {@code receipt}, or returns empty when it is not a CMS SignedData whose
   * content is a set of receipt records.
   */
  public static Optional<AppAttestReceipt> read(byte[] receipt) {
    try {
      CMSTypedData content = new CMSSignedData(receipt).getSignedContent();
      if (content == null || !(content.getContent() instanceof byte[] payload)) {
        LOG.debug("App Attest receipt of {} bytes has no encapsulated content", receipt.length);
        return Optional.empty();
      }
      return Optional.of(readRecords(ASN1Set.getInstance(ASN1Primitive.fromByteArray(payload))));
    } catch (CMSException
        | IOException
        | IllegalArgumentException
        | IllegalStateException
        | ClassCastException e) {
      // BouncyCastle's ASN.1 classes report structure errors with unchecked exceptions.
      LOG.debug(
          "App Attest receipt of {} bytes could not be decoded: {}", receipt.length, e.toString());
      return Optional.empty();
    }
  }

  private static AppAttestReceipt readRecords(ASN1Set records) {
    Optional<String> appId = Optional.empty();
    Optional<String> receiptType = Optional.empty();
    Optional<Instant> creationTime = Optional.empty();
    OptionalInt riskMetric = OptionalInt.empty();
    Optional<Instant> notBefore = Optional.empty();
    Optional<Instant> expirationTime = Optional.empty();

    for (ASN1Encodable element : records) {
      ASN1Sequence sequence = ASN1Sequence.getInstance(element);
      if (sequence.size() != 3) {
        continue;
      }
      int type = ASN1Integer.getInstance(sequence.getObjectAt(0)).intValueExact();
      String text =
          new String(
              ASN1OctetString.getInstance(sequence.getObjectAt(2)).getOctets(),
              StandardCharsets.UTF_8);
      switch (type) {
        case APP_ID -> appId = Optional.of(text);
        case RECEIPT_TYPE -> receiptType = Optional.of(text);
        case CREATION_TIME -> creationTime = instant(text);
        case RISK_METRIC -> riskMetric = integer(text);
        case NOT_BEFORE -> notBefore = instant(text);
        case EXPIRATION_TIME -> expirationTime = instant(text);
        default -> {
          // Other fields (the attested key, client hash, token) are not exposed.
        }
      }
    }
    return new AppAttestReceipt(
        appId, receiptType, creationTime, riskMetric, notBefore, expirationTime);
  }

  private static Optional<Instant> instant(String text) {
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static OptionalInt integer(String text) {
    try {
      return OptionalInt.of(Integer.parseInt(text.trim()));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
