package dev.keychain4j.attestation.apple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keychain4j.attestation.apple.internal.AuthenticatorData;
import dev.keychain4j.attestation.apple.internal.BouncyCastle;
import dev.keychain4j.attestation.apple.internal.Cbor;
import dev.keychain4j.attestation.apple.internal.Digests;
import dev.keychain4j.attestation.apple.internal.EcP256;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Verifier of App Attest assertions, following Apple's steps in order:
 *
 * <ol>
 *   <li>the ECDSA P-256 signature over SHA-256(authenticatorData || clientDataHash) verifies with
 *       the key stored from the attestation;
 *   <li>the relying-party ID hash equals SHA-256 of the app id;
 *   <li>the counter is strictly greater than the stored counter, which is then replaced in the same
 *       atomic step (see {@link AssertionCounterStore#advance}).
 * </ol>
 *
 * <p>The counter is only advanced once the signature and relying party have been checked, so a
 * forged assertion cannot burn counter values. Checking that the clientDataHash covers a fresh,
 * single-use challenge is the caller's job.
 *
 * <p>Instances are immutable and thread-safe when the counter store is.
 */
public final class AppAssertionVerifier {
  private final AppId appId;
  private final AssertionCounterStore counterStore;

  private AppAssertionVerifier(AppId appId, AssertionCounterStore counterStore) {
    this.appId = appId;
    this.counterStore = counterStore;
  }

  /** Returns a builder; the app id and the counter store are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies an assertion and advances the key's stored counter.
   *
   * @param assertion the CBOR assertion from {@code DCAppAttestService.generateAssertion}
   * @param clientDataHash the SHA-256 of the client data (request and challenge) the app signed
   * @param publicKey the key stored from the attestation; its key id selects the stored counter
   * @return the key id and the new counter
   * @throws AppAttestException with the reason of the first check that failed, or {@link
   *     AppAttestReason#MALFORMED_ASSERTION} or {@link
   *     AppAttestReason#MALFORMED_AUTHENTICATOR_DATA} when the assertion does not decode
   * @throws CounterStoreException if the counter store fails
   * @throws IllegalArgumentException if {@code clientDataHash} is not 32 bytes or the key is not on
   *     P-256
   */
  public AppAssertion verifyAssertion(
      byte[] assertion, byte[] clientDataHash, ECPublicKey publicKey)
      throws AppAttestException, CounterStoreException {
    Objects.requireNonNull(assertion, "assertion");
    Objects.requireNonNull(publicKey, "publicKey");
    AppAttestVerifier.requireClientDataHash(clientDataHash);
    if (!EcP256.isP256(publicKey.getParams())) {
      throw new IllegalArgumentException(
          "the public key is not on P-256, so it is not an App Attest key");
    }

    AppAttestReason malformed = AppAttestReason.MALFORMED_ASSERTION;
    ObjectNode map =
        Cbor.mapWithKeys(
            Cbor.decode(assertion, malformed, "the assertion"),
            Set.of("signature", "authenticatorData"),
            malformed,
            "the assertion");
    byte[] signature = Cbor.byteString(map, "signature", malformed, "the assertion");
    byte[] authDataBytes = Cbor.byteString(map, "authenticatorData", malformed, "the assertion");
    AuthenticatorData authData = AuthenticatorData.parseAssertion(authDataBytes);

    // Steps 1 to 3: the device signs nonce = SHA-256(authenticatorData || clientDataHash) with
    // ECDSA over SHA-256, so the signature input is the nonce itself.
    byte[] nonce = Digests.sha256(authDataBytes, clientDataHash);
    if (!signatureVerifies(publicKey, nonce, signature)) {
      throw new AppAttestException(
          AppAttestReason.SIGNATURE_INVALID,
          "the assertion's signature does not verify with the stored public key");
    }

    // Step 4: the relying party is this app.
    if (!MessageDigest.isEqual(authData.rpIdHash(), Digests.sha256(appId.rpId()))) {
      throw new AppAttestException(
          AppAttestReason.RP_ID_MISMATCH,
          "the relying-party ID hash is not SHA-256 of the app id '" + appId + "'");
    }

    // Step 5: the counter must grow; the store compares and replaces it atomically.
    byte[] keyId = EcP256.keyId(publicKey);
    long counter = authData.signCount();
    switch (counterStore.advance(keyId, counter)) {
      case ADVANCED:
        return new AppAssertion(keyId, counter);
      case NOT_INCREASED:
        throw new AppAttestException(
            AppAttestReason.COUNTER_NOT_INCREASED,
            "the assertion's counter "
                + counter
                + " is not greater than the stored counter "
                + counterStore.counter(keyId).orElse(-1)
                + ": the assertion is a replay");
      case UNKNOWN_KEY:
        throw new AppAttestException(
            AppAttestReason.UNKNOWN_KEY,
            "no counter is stored for the key: register it with the counter store after its"
                + " attestation");
      default:
        throw new IllegalStateException("unknown counter update result");
    }
  }

  private static boolean signatureVerifies(ECPublicKey publicKey, byte[] nonce, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance("SHA256withECDSA", BouncyCastle.provider());
      verifier.initVerify(publicKey);
      verifier.update(nonce);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      // A signature that is not a DER ECDSA value fails like a wrong one.
      return false;
    }
  }

  /** Builder of {@link AppAssertionVerifier}. */
  public static final class Builder {
    private @Nullable AppId appId;
    private @Nullable AssertionCounterStore counterStore;

    private Builder() {}

    /** Sets the app whose assertions are accepted. Required. */
    public Builder appId(AppId appId) {
      this.appId = Objects.requireNonNull(appId, "appId");
      return this;
    }

    /** Sets where the counters live. Required. */
    public Builder counterStore(AssertionCounterStore counterStore) {
      this.counterStore = Objects.requireNonNull(counterStore, "counterStore");
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @throws IllegalStateException if the app id or the counter store is missing
     */
    public AppAssertionVerifier build() {
      if (appId == null) {
        throw new IllegalStateException(
            "appId is required: call appId(AppId.parse(\"TEAMID.BUNDLEID\"))");
      }
      if (counterStore == null) {
        throw new IllegalStateException(
            "counterStore is required: pass an InMemoryCounterStore or a SqliteCounterStore");
      }
      return new AppAssertionVerifier(appId, counterStore);
    }
  }
}
