package dev.keychain4j.cli;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;

/** Helpers shared by the subcommands. */
final class Commands {
  private Commands() {}

  /** Returns the environment that {@link Main} gave the root command. */
  static CliEnvironment environment(CommandSpec spec) {
    Object root = spec.root().userObject();
    if (root instanceof KeychainCommand keychainCommand) {
      return keychainCommand.environment();
    }
    throw new IllegalStateException("the root command is not a KeychainCommand: " + root);
  }

  /** Returns the spec that picocli injects before calling a command. */
  static CommandSpec require(@Nullable CommandSpec spec) {
    return Objects.requireNonNull(spec, "picocli did not inject the command spec");
  }

  /** Returns a required option's value, which picocli has set before calling the command. */
  static <T> T requireOption(@Nullable T value, String option) {
    return Objects.requireNonNull(value, () -> "picocli did not set the required option " + option);
  }
}
