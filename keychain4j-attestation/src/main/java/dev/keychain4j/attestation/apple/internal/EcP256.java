package dev.keychain4j.attestation.apple.internal;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.util.Arrays;

/** The NIST P-256 curve, which App Attest uses for every key. */
public final class EcP256 {
  /** Bytes of one coordinate. */
  public static final int COORDINATE_BYTES = 32;

  private static final ECParameterSpec PARAMETERS = loadParameters();

  private EcP256() {}

  private static ECParameterSpec loadParameters() {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec("secp256r1"));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK provides no secp256r1 parameters", e);
    }
  }

  /** Returns the P-256 domain parameters. */
  public static ECParameterSpec parameters() {
    return PARAMETERS;
  }

  /** Returns whether {@code spec} describes P-256, whichever provider created it. */
  public static boolean isP256(ECParameterSpec spec) {
    EllipticCurve curve = spec.getCurve();
    EllipticCurve expected = PARAMETERS.getCurve();
    return curve.getField().equals(expected.getField())
        && curve.getA().equals(expected.getA())
        && curve.getB().equals(expected.getB())
        && spec.getGenerator().equals(PARAMETERS.getGenerator())
        && spec.getOrder().equals(PARAMETERS.getOrder())
        && spec.getCofactor() == PARAMETERS.getCofactor();
  }

  /** Returns whether {@code point} is a finite point on P-256: y^2 = x^3 + ax + b (mod p). */
  public static boolean isOnCurve(ECPoint point) {
    if (point.equals(ECPoint.POINT_INFINITY)) {
      return false;
    }
    EllipticCurve curve = PARAMETERS.getCurve();
    BigInteger p = ((ECFieldFp) curve.getField()).getP();
    BigInteger x = point.getAffineX();
    BigInteger y = point.getAffineY();
    if (x.signum() < 0 || x.compareTo(p) >= 0 || y.signum() < 0 || y.compareTo(p) >= 0) {
      return false;
    }
    BigInteger left = y.multiply(y).mod(p);
    BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
    return left.equals(right);
  }

  /**
   * Returns the X9.62 uncompressed encoding {@code 04 || X || Y} with each coordinate padded to 32
   * bytes. App Attest's key id is the SHA-256 of this encoding.
   */
  public static byte[] uncompressed(ECPoint point) {
    byte[] encoded = new byte[1 + 2 * COORDINATE_BYTES];
    encoded[0] = 0x04;
    writeCoordinate(point.getAffineX(), encoded, 1);
    writeCoordinate(point.getAffineY(), encoded, 1 + COORDINATE_BYTES);
    return encoded;
  }

  private static void writeCoordinate(BigInteger value, byte[] target, int offset) {
    byte[] magnitude = value.toByteArray();
    int start = 0;
    // BigInteger adds a sign byte when the top bit is set, and drops leading zero bytes.
    while (start < magnitude.length - 1 && magnitude[start] == 0) {
      start++;
    }
    int length = magnitude.length - start;
    if (length > COORDINATE_BYTES) {
      throw new IllegalArgumentException("coordinate longer than 32 bytes");
    }
    System.arraycopy(magnitude, start, target, offset + COORDINATE_BYTES - length, length);
  }

  /** Returns the key id of {@code key}: SHA-256 of its uncompressed point. */
  public static byte[] keyId(ECPublicKey key) {
    return Digests.sha256(uncompressed(key.getW()));
  }

  /** Returns a JDK public key for a point that {@link #isOnCurve} accepted. */
  public static ECPublicKey publicKey(ECPoint point) {
    try {
      return (ECPublicKey)
          KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, PARAMETERS));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK rejected a P-256 point that is on the curve", e);
    }
  }

  /**
   * Reads a big-endian unsigned coordinate of at most 32 bytes. Shorter values are accepted because
   * some encoders drop leading zero bytes.
   */
  public static BigInteger coordinate(byte[] bytes) {
    if (bytes.length == 0 || bytes.length > COORDINATE_BYTES) {
      throw new IllegalArgumentException(
          "coordinate has " + bytes.length + " bytes, expected 1 to " + COORDINATE_BYTES);
    }
    return new BigInteger(1, Arrays.copyOf(bytes, bytes.length));
  }
}
