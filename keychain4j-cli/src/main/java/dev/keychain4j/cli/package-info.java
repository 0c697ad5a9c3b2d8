/** The {@code keychain} command-line tool: one picocli command class per subcommand. */
@NullMarked
package dev.keychain4j.cli;

import org.jspecify.annotations.NullMarked;
