/** A secure element on a PKCS#11 token (HSM, smart card, SoftHSM2), reached through JNA. */
@NullMarked
package dev.keychain4j.pkcs11;

import org.jspecify.annotations.NullMarked;
