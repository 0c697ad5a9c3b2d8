package dev.keychain4j.cli;

import dev.keychain4j.Digest;
import dev.keychain4j.ItemClass;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.Padding;
import dev.keychain4j.Purpose;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

/**
 * The spellings of algorithms, purposes, digests, paddings and item classes on the command line,
 * and the picocli converters that parse them. Scripts rely on these names: keep them stable.
 */
final class CliNames {
  private CliNames() {}

  /** Registers the converters on the command and, recursively, on its subcommands. */
  static void registerConverters(CommandLine commandLine) {
    commandLine.registerConverter(KeyAlgorithm.class, text -> convert(text, KeyAlgorithm::fromCliName));
    commandLine.registerConverter(Purpose.class, text -> convert(text, Purpose::fromCliName));
    commandLine.registerConverter(Digest.class, text -> convert(text, Digest::fromCliName));
    commandLine.registerConverter(Padding.class, text -> convert(text, Padding::fromCliName));
    commandLine.registerConverter(ItemClass.class, CliNames::itemClass);
    commandLine.registerConverter(Instant.class, CliNames::instant);
  }

  static String name(ItemClass itemClass) {
    return itemClass.name().toLowerCase(Locale.ROOT);
  }

  /** Returns the lower-case names of the item classes, as {@code list --class} takes them. */
  static String itemClassNames() {
    return Arrays.stream(ItemClass.values()).map(CliNames::name).collect(Collectors.joining(", "));
  }

  private static ItemClass itemClass(String text) {
    for (ItemClass itemClass : ItemClass.values()) {
      if (name(itemClass).equals(text.toLowerCase(Locale.ROOT))) {
        return itemClass;
      }
    }
    throw new TypeConversionException("unknown item class '" + text + "': use one of " + itemClassNames());
  }

  /** Applies a core name parser, whose IllegalArgumentException names the value and the choices. */
  private static <T> T convert(String text, Function<String, T> parser) {
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new TypeConversionException(
          "invalid instant '" + text + "': expected ISO-8601 in UTC, such as 2030-01-31T00:00:00Z");
    }
  }
}
