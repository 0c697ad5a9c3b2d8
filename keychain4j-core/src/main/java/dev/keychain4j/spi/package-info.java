/**
 * The secure element service provider interface: the boundary that private keys never cross.
 * Implemented by the software enclave, and later by PKCS#11 and TPM 2.0 elements.
 */
@NullMarked
package dev.keychain4j.spi;

import org.jspecify.annotations.NullMarked;
