/** The software enclave: a secure element of security level SOFTWARE built on BouncyCastle. */
@NullMarked
package dev.keychain4j.internal.enclave;

import org.jspecify.annotations.NullMarked;
