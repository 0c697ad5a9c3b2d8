/** Verification of Android Keystore and KeyMint key attestation certificate chains. */
@NullMarked
package dev.keychain4j.attestation.android;

import org.jspecify.annotations.NullMarked;
