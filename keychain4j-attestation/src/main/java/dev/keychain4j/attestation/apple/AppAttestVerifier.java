package dev.keychain4j.attestation.apple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keychain4j.attestation.apple.internal.AuthenticatorData;
import dev.keychain4j.attestation.apple.internal.BouncyCastle;
import dev.keychain4j.attestation.apple.internal.Cbor;
import dev.keychain4j.attestation.apple.internal.Certificates;
import dev.keychain4j.attestation.apple.internal.Digests;
import dev.keychain4j.attestation.apple.internal.EcP256;
import dev.keychain4j.attestation.apple.internal.Receipts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifier of App Attest attestation objects, following Apple's "Validating apps that connect to
 * your server" steps in order:
 *
 * <ol>
 *   <li>the {@code x5c} chain leads to the pinned Apple App Attestation Root CA, and every
 *       certificate is valid at the verification instant;
 *   <li>SHA-256(authData || clientDataHash) equals the nonce in the credential certificate's
 *       extension 1.2.840.113635.100.8.2;
 *   <li>SHA-256 of the credential certificate's public key equals the key id;
 *   <li>the relying-party ID hash equals SHA-256 of the app id;
 *   <li>the counter is 0;
 *   <li>the AAGUID is that of the configured environment;
 *   <li>the credential id equals the key id.
 * </ol>
 *
 * <p>A last check, not in Apple's list, requires the COSE key in the authenticator data to be the
 * credential certificate's key. The keys are compared as EC points, so a coordinate encoded without
 * its leading zero byte still matches.
 *
 * <p>Checking that the clientDataHash covers a fresh, single-use challenge is the caller's job. The
 * receipt is returned but its signature is not verified; see {@link AppAttestReceipt}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class AppAttestVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(AppAttestVerifier.class);

  private static final String FORMAT = "apple-appattest";
  private static final int CLIENT_DATA_HASH_BYTES = 32;
  private static final String APPLE_ROOT_RESOURCE = "Apple_App_Attestation_Root_CA.pem";
  private static final X509Certificate APPLE_ROOT = loadAppleRoot();

  private final AppId appId;
  private final AppAttestEnvironment environment;
  private final Clock clock;
  private final X509Certificate root;

  private AppAttestVerifier(Builder builder, AppId appId) {
    this.appId = appId;
    this.environment = builder.environment;
    this.clock = builder.clock;
    this.root = builder.root == null ? APPLE_ROOT : builder.root;
  }

  /** Returns a builder; {@link Builder#appId} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the pinned Apple App Attestation Root CA. */
  public static X509Certificate appleRootCertificate() {
    return APPLE_ROOT;
  }

  /**
   * Returns the App Attest key id of {@code publicKey}: SHA-256 of its uncompressed point.
   *
   * @throws IllegalArgumentException if the key is not on P-256
   */
  public static byte[] keyIdOf(ECPublicKey publicKey) {
    Objects.requireNonNull(publicKey, "publicKey");
    if (!EcP256.isP256(publicKey.getParams())) {
      throw new IllegalArgumentException(
          "the public key is not on P-256, so it is not an App Attest key");
    }
    return EcP256.keyId(publicKey);
  }

  /**
   * Verifies an attestation object at the instant of the configured clock.
   *
   * @see #verifyAttestation(byte[], byte[], byte[], Instant)
   */
  public AppAttestation verifyAttestation(
      byte[] attestationObject, byte[] keyId, byte[] clientDataHash) throws AppAttestException {
    return verifyAttestation(attestationObject, keyId, clientDataHash, clock.instant());
  }

  /**
   * Verifies an attestation object at {@code instant}.
   *
   * @param attestationObject the CBOR attestation object from {@code DCAppAttestService.attestKey}
   * @param keyId the key id the app sent, 32 bytes when genuine
   * @param clientDataHash the SHA-256 of the client data (the server's challenge) the app attested
   * @param instant when the certificates must be valid
   * @return the attested key, never null
   * @throws AppAttestException with the reason of the first check that failed, or a {@code
   *     MALFORMED_*} reason when the object does not decode
   * @throws IllegalArgumentException if {@code clientDataHash} is not 32 bytes
   */
  public AppAttestation verifyAttestation(
      byte[] attestationObject, byte[] keyId, byte[] clientDataHash, Instant instant)
      throws AppAttestException {
    Objects.requireNonNull(attestationObject, "attestationObject");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(instant, "instant");
    requireClientDataHash(clientDataHash);

    Decoded decoded = decode(attestationObject);
    X509Certificate credential = decoded.chain.get(0);
    ECPublicKey publicKey = Certificates.p256Key(credential, "the credential certificate");

    // Step 1: the chain to the pinned root at the verification instant.
    Certificates.validateChain(decoded.chain, root, instant, BouncyCastle.provider());

    // Steps 2 to 4: the nonce binds authData and the caller's clientDataHash to the certificate.
    byte[] nonce = Digests.sha256(decoded.authDataBytes, clientDataHash);
    if (!MessageDigest.isEqual(nonce, Certificates.nonce(credential))) {
      throw new AppAttestException(
          AppAttestReason.NONCE_MISMATCH,
          "SHA-256(authData || clientDataHash) differs from the credential certificate's nonce:"
              + " the attestation was made for another challenge");
    }

    // Step 5: the key id is SHA-256 of the uncompressed public key point.
    if (!MessageDigest.isEqual(EcP256.keyId(publicKey), keyId)) {
      throw new AppAttestException(
          AppAttestReason.KEY_ID_MISMATCH,
          "SHA-256 of the credential certificate's public key differs from the key id");
    }

    // Step 6: the relying party is this app.
    AuthenticatorData authData = decoded.authData;
    if (!MessageDigest.isEqual(authData.rpIdHash(), Digests.sha256(appId.rpId()))) {
      throw new AppAttestException(
          AppAttestReason.RP_ID_MISMATCH,
          "the relying-party ID hash is not SHA-256 of the app id '" + appId + "'");
    }

    // Step 7: a new key has never signed.
    if (authData.signCount() != 0) {
      throw new AppAttestException(
          AppAttestReason.COUNTER_NOT_ZERO,
          "the attestation counter is " + authData.signCount() + ", expected 0");
    }

    // Step 8: the AAGUID distinguishes development keys from production keys.
    byte[] aaguid = authData.aaguid().orElseThrow();
    if (!Arrays.equals(aaguid, environment.aaguid())) {
      throw new AppAttestException(
          AppAttestReason.AAGUID_MISMATCH,
          "the AAGUID does not mark the "
              + environment.jsonName()
              + " environment"
              + describeOtherEnvironment(aaguid));
    }

    // Step 9: the credential id is the key id.
    if (!MessageDigest.isEqual(authData.credentialId().orElseThrow(), keyId)) {
      throw new AppAttestException(
          AppAttestReason.CREDENTIAL_ID_MISMATCH,
          "the credential id in the authenticator data differs from the key id");
    }

    // The COSE key must be the certified key. Lenient: comparing points, not encodings, accepts
    // a coordinate that arrives without its leading zero byte, as some encoders send it.
    ECPoint cosePoint = authData.credentialPublicKey().orElseThrow();
    if (!cosePoint.equals(publicKey.getW())) {
      throw new AppAttestException(
          AppAttestReason.PUBLIC_KEY_MISMATCH,
          "the credential public key in the authenticator data is not the credential certificate's"
              + " key");
    }

    return new AppAttestation(
        keyId,
        EcP256.publicKey(publicKey.getW()),
        authData.signCount(),
        environment,
        appId,
        decoded.receipt,
        Receipts.read(decoded.receipt),
        decoded.chain);
  }

  private static String describeOtherEnvironment(byte[] aaguid) {
    for (AppAttestEnvironment other : AppAttestEnvironment.values()) {
      if (Arrays.equals(aaguid, other.aaguid())) {
        return " but the " + other.jsonName() + " environment";
      }
    }
    return "";
  }

  static void requireClientDataHash(byte[] clientDataHash) {
    Objects.requireNonNull(clientDataHash, "clientDataHash");
    if (clientDataHash.length != CLIENT_DATA_HASH_BYTES) {
      throw new IllegalArgumentException(
          "clientDataHash has "
              + clientDataHash.length
              + " bytes, expected the 32 bytes of SHA-256 of the client data");
    }
  }

  private record Decoded(
      List<X509Certificate> chain,
      byte[] receipt,
      byte[] authDataBytes,
      AuthenticatorData authData) {}

  private static Decoded decode(byte[] attestationObject) throws AppAttestException {
    AppAttestReason malformed = AppAttestReason.MALFORMED_ATTESTATION_OBJECT;
    JsonNode root = Cbor.decode(attestationObject, malformed, "the attestation object");
    ObjectNode map =
        Cbor.mapWithKeys(
            root, Set.of("fmt", "attStmt", "authData"), malformed, "the attestation object");

    JsonNode fmt = map.get("fmt");
    if (!fmt.isTextual()) {
      throw new AppAttestException(malformed, "the attestation object's fmt must be a text string");
    }
    if (!FORMAT.equals(fmt.textValue())) {
      throw new AppAttestException(
          AppAttestReason.UNSUPPORTED_FORMAT,
          "the attestation format is '" + fmt.textValue() + "', expected '" + FORMAT + "'");
    }

    ObjectNode statement =
        Cbor.mapWithKeys(map.get("attStmt"), Set.of("x5c", "receipt"), malformed, "attStmt");
    JsonNode x5c = statement.get("x5c");
    if (!x5c.isArray() || x5c.isEmpty()) {
      throw new AppAttestException(malformed, "attStmt.x5c must be a non-empty CBOR array");
    }
    List<X509Certificate> chain = new ArrayList<>();
    for (int i = 0; i < x5c.size(); i++) {
      JsonNode element = x5c.get(i);
      if (!element.isBinary()) {
        throw new AppAttestException(
            malformed, "attStmt.x5c[" + i + "] must be a CBOR byte string");
      }
      chain.add(
          Certificates.decode(binary(element), BouncyCastle.provider(), "attStmt.x5c[" + i + "]"));
    }
    byte[] receipt = Cbor.byteString(statement, "receipt", malformed, "attStmt");

    byte[] authDataBytes = Cbor.byteString(map, "authData", malformed, "the attestation object");
    AuthenticatorData authData = AuthenticatorData.parseAttestation(authDataBytes);
    return new Decoded(chain, receipt, authDataBytes, authData);
  }

  private static byte[] binary(JsonNode node) throws AppAttestException {
    try {
      return node.binaryValue();
    } catch (IOException e) {
      throw new AppAttestException(
          AppAttestReason.MALFORMED_ATTESTATION_OBJECT, "a CBOR byte string could not be read", e);
    }
  }

  private static X509Certificate loadAppleRoot() {
    try (InputStream in = AppAttestVerifier.class.getResourceAsStream(APPLE_ROOT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource " + APPLE_ROOT_RESOURCE + " is missing from the jar");
      }
      return Certificates.readPem(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + APPLE_ROOT_RESOURCE, e);
    } catch (CertificateException e) {
      throw new IllegalStateException(APPLE_ROOT_RESOURCE + " is not a certificate", e);
    }
  }

  /** Builder of {@link AppAttestVerifier}. */
  public static final class Builder {
    private @Nullable AppId appId;
    private AppAttestEnvironment environment = AppAttestEnvironment.PRODUCTION;
    private Clock clock = Clock.systemUTC();
    private @Nullable X509Certificate root;

    private Builder() {}

    /** Sets the app whose attestations are accepted. Required. */
    public Builder appId(AppId appId) {
      this.appId = Objects.requireNonNull(appId, "appId");
      return this;
    }

    /** Sets the environment whose AAGUID is accepted; {@code PRODUCTION} by default. */
    public Builder environment(AppAttestEnvironment environment) {
      this.environment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    /**
     * Sets the clock that gives the default verification instant; the UTC system clock by default.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Replaces the pinned Apple App Attestation Root CA with {@code root}. Only for tests with
     * emulated devices: attestations chained to any other root prove nothing about a real device. A
     * warning is logged when the verifier is built.
     */
    public Builder insecureRootForTesting(X509Certificate root) {
      this.root = Objects.requireNonNull(root, "root");
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @throws IllegalStateException if no app id was set
     */
    public AppAttestVerifier build() {
      if (appId == null) {
        throw new IllegalStateException(
            "appId is required: call appId(AppId.parse(\"TEAMID.BUNDLEID\"))");
      }
      if (root != null && !root.equals(APPLE_ROOT)) {
        LOG.warn(
            "App Attest verifier for {} trusts the root '{}' instead of Apple's: its verdicts say"
                + " nothing about real devices",
            appId,
            root.getSubjectX500Principal().getName());
      }
      return new AppAttestVerifier(this, appId);
    }
  }
}
