/** The keychain agent: a process that runs the secure element and serves it over a Unix socket. */
@NullMarked
package dev.keychain4j.internal.agent;

import org.jspecify.annotations.NullMarked;
