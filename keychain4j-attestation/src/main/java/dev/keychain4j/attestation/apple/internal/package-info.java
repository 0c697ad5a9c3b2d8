/**
 * Decoders and checks behind the App Attest verifiers. Not exported: its types may change without
 * notice.
 */
@NullMarked
package dev.keychain4j.attestation.apple.internal;

import org.jspecify.annotations.NullMarked;
