/**
 * Emulated attesting Android devices for tests. They issue key attestation chains under a test
 * root that no production verifier trusts.
 */
@NullMarked
package dev.keychain4j.testing;

import org.jspecify.annotations.NullMarked;
