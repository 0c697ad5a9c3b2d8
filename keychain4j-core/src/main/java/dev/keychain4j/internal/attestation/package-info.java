/**
 * Android key attestation for keychain keys: the KeyDescription encoder, the attestation
 * certificates and the keychain's attestation authority. Exported only to keychain4j-testing,
 * which issues chains of emulated Android devices with the same encoder.
 */
@NullMarked
package dev.keychain4j.internal.attestation;

import org.jspecify.annotations.NullMarked;
