/**
 * Internals shared by the keychain and the software enclave: the canonical authorization
 * encoding, policy checks and BouncyCastle helpers.
 */
@NullMarked
package dev.keychain4j.internal;

import org.jspecify.annotations.NullMarked;
