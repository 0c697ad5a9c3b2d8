/**
 * Implementation details of the Android attestation verifier, in a package that is not exported.
 */
@NullMarked
package dev.keychain4j.attestation.android.internal;

import org.jspecify.annotations.NullMarked;
