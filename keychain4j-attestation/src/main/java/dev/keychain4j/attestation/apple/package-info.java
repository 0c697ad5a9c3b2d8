/** Verification of Apple App Attest attestation objects and assertions. */
@NullMarked
package dev.keychain4j.attestation.apple;

import org.jspecify.annotations.NullMarked;
