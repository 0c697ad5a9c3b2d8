package dev.keychain4j.attestation.apple.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keychain4j.attestation.apple.AppAttestException;
import dev.keychain4j.attestation.apple.AppAttestReason;
import java.io.IOException;
import java.math.BigInteger;
import java.security.spec.ECPoint;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decoder of the COSE_Key (RFC 9052, section 7) that App Attest puts in the attested credential
 * data: an EC2 key (kty 2) on P-256 (crv 1) for ES256 (alg -7).
 */
public final class CoseKey {
  private static final AppAttestReason MALFORMED = AppAttestReason.MALFORMED_CREDENTIAL_PUBLIC_KEY;

  // Jackson reports CBOR integer map keys by their decimal text.
  private static final String KTY = "1";
  private static final String ALG = "3";
  private static final String CRV = "-1";
  private static final String X = "-2";
  private static final String Y = "-3";

  private static final int KTY_EC2 = 2;
  private static final int ALG_ES256 = -7;
  private static final int CRV_P256 = 1;

  private CoseKey() {}

  /** Decodes a COSE EC2 key and returns its point, checked to lie on P-256. */
  public static ECPoint decodeP256(JsonNode node) throws AppAttestException {
    if (!node.isObject()) {
      throw new AppAttestException(MALFORMED, "the credential public key must be a CBOR map");
    }
    Set<String> keys = new TreeSet<>();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      keys.add(names.next());
    }
    if (!keys.equals(new TreeSet<>(Set.of(KTY, ALG, CRV, X, Y)))) {
      throw new AppAttestException(
          MALFORMED,
          "the credential public key must have the COSE labels 1, 3, -1, -2, -3, found " + keys);
    }
    requireInt(node, KTY, KTY_EC2, "kty");
    requireInt(node, ALG, ALG_ES256, "alg");
    requireInt(node, CRV, CRV_P256, "crv");

    BigInteger x = coordinate(node, X, "x");
    BigInteger y = coordinate(node, Y, "y");
    ECPoint point = new ECPoint(x, y);
    if (!EcP256.isOnCurve(point)) {
      throw new AppAttestException(MALFORMED, "the credential public key is not a point on P-256");
    }
    return point;
  }

  private static void requireInt(JsonNode map, String label, int expected, String name)
      throws AppAttestException {
    JsonNode value = map.get(label);
    if (value == null
        || !value.isIntegralNumber()
        || !value.canConvertToInt()
        || value.intValue() != expected) {
      throw new AppAttestException(
          MALFORMED, "the credential public key's " + name + " must be " + expected);
    }
  }

  private static BigInteger coordinate(JsonNode map, String label, String name)
      throws AppAttestException {
    JsonNode value = map.get(label);
    if (value == null || !value.isBinary()) {
      throw new AppAttestException(
          MALFORMED, "the credential public key's " + name + " must be a byte string");
    }
    try {
      return EcP256.coordinate(value.binaryValue());
    } catch (IOException | IllegalArgumentException e) {
      throw new AppAttestException(
          MALFORMED, "the credential public key's " + name + " is invalid: " + e.getMessage(), e);
    }
  }
}
