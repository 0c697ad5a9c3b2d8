/**
 * The {@code Keychain4j} JCA provider. Install it explicitly, for example with {@code
 * Security.addProvider(new Keychain4jProvider())}; loading this package registers nothing.
 */
@NullMarked
package dev.keychain4j.jca;

import org.jspecify.annotations.NullMarked;
