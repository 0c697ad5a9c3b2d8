package dev.keychain4j;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Formats the command-line names of enum constants for error messages. */
final class Names {
  private Names() {}

  static String list(KeyAlgorithm[] values) {
    return Arrays.stream(values).map(KeyAlgorithm::cliName).collect(Collectors.joining(", "));
  }

  static String list(Purpose[] values) {
    return Arrays.stream(values).map(Purpose::cliName).collect(Collectors.joining(", "));
  }

  static String list(Digest[] values) {
    return Arrays.stream(values).map(Digest::cliName).collect(Collectors.joining(", "));
  }

  static String list(Padding[] values) {
    return Arrays.stream(values).map(Padding::cliName).collect(Collectors.joining(", "));
  }
}
