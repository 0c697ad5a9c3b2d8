/**
 * Verification of Apple App Attest attestation objects and assertions.
 *
 * <p>A server verifies a key's attestation once, stores the key and its counter, then verifies each
 * later assertion with them:
 *
 * <pre>{@code
 * AppId appId = AppId.parse("8YE23NZS57.com.example.app");
 * AppAttestVerifier attestations = AppAttestVerifier.builder().appId(appId).build();
 * AppAttestation attested =
 *     attestations.verifyAttestation(attestationObject, keyId, sha256(challenge));
 * counterStore.register(attested.keyId(), attested.counter());
 * // store attested.publicKey() under attested.keyId()
 *
 * AppAssertionVerifier assertions =
 *     AppAssertionVerifier.builder().appId(appId).counterStore(counterStore).build();
 * AppAssertion asserted = assertions.verifyAssertion(assertion, sha256(request), publicKey);
 * }</pre>
 *
 * <p>Rejections throw {@link dev.keychain4j.attestation.apple.AppAttestException} with one {@link
 * dev.keychain4j.attestation.apple.AppAttestReason} per failed check.
 *
 * <p>Limitations: the receipt's CMS signature is not verified, so its fields are informational.
 * Challenge freshness and single use are the caller's job. The extension map that iOS 27 and later
 * append to authenticator data is checked to be a CBOR map but its values are not exposed.
 */
@NullMarked
package dev.keychain4j.attestation.apple;

import org.jspecify.annotations.NullMarked;
