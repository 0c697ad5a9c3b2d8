/** The SQLite item store. */
@NullMarked
package dev.keychain4j.internal.store;

import org.jspecify.annotations.NullMarked;
