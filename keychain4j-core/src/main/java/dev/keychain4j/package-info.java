/**
 * The keychain API: items found by tag, keys generated inside a secure element with their
 * authorizations, and the operations those keys allow.
 */
@NullMarked
package dev.keychain4j;

import org.jspecify.annotations.NullMarked;
