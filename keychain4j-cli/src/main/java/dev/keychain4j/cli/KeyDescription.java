package dev.keychain4j.cli;

import dev.keychain4j.AuthorizationTag;
import dev.keychain4j.Authorizations;
import dev.keychain4j.Digest;
import dev.keychain4j.KeyInfo;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.Padding;
import dev.keychain4j.Purpose;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Prints what {@code show}, {@code generate} and {@code demo} tell about a key. */
final class KeyDescription {
  private KeyDescription() {}

  /** Prints the key's attributes, then one row per authorization with the component enforcing it. */
  static void print(KeyInfo info, PrintWriter out) {
    print(info, out, "");
  }

  /** Prints the description with {@code indent} before each line. */
  static void print(KeyInfo info, PrintWriter out, String indent) {
    String remainingUses =
        info.remainingUses().isPresent() ? Integer.toString(info.remainingUses().getAsInt()) : "unlimited";
    out.printf("%sTag:               %s%n", indent, info.tag());
    out.printf("%sLabel:             %s%n", indent, info.label().orElse("-"));
    out.printf("%sAlgorithm:         %s%n", indent, info.algorithm().cliName());
    out.printf("%sCreated:           %s%n", indent, info.creationTime());
    out.printf("%sSecurity level:    %s%n", indent, info.securityLevel());
    out.printf("%sRemaining uses:    %s%n", indent, remainingUses);
    out.printf("%sCertificate chain: %s%n", indent, info.hasCertificateChain() ? "yes" : "none");
    out.printf("%sAuthorizations:%n", indent);
    out.printf("%s  %-16s %-28s %s%n", indent, "AUTHORIZATION", "VALUE", "ENFORCED BY");
    for (AuthorizationTag tag : AuthorizationTag.values()) {
      out.printf("%s  %-16s %-28s %s%n", indent, name(tag), value(info.parameters(), tag), enforcer(info, tag));
    }
  }

  /** Returns the authorization's name, spelled like the {@code generate} option that sets it. */
  static String name(AuthorizationTag tag) {
    return tag.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String value(KeyParameters parameters, AuthorizationTag tag) {
    return switch (tag) {
      case ALGORITHM -> parameters.algorithm().cliName();
      case PURPOSE -> join(parameters.purposes(), Purpose::cliName);
      case DIGEST -> join(parameters.digests(), Digest::cliName);
      case PADDING -> join(parameters.paddings(), Padding::cliName);
      case ACTIVE_FROM -> parameters.activeFrom().map(Object::toString).orElse("-");
      case ORIGINATION_END -> parameters.originationEnd().map(Object::toString).orElse("-");
      case CONSUMPTION_END -> parameters.consumptionEnd().map(Object::toString).orElse("-");
      case USAGE_LIMIT -> parameters.usageLimit().isPresent()
          ? Integer.toString(parameters.usageLimit().getAsInt())
          : "-";
    };
  }

  private static String enforcer(KeyInfo info, AuthorizationTag tag) {
    Authorizations element = info.elementEnforced();
    Authorizations library = info.libraryEnforced();
    if (element.contains(tag)) {
      return "secure element";
    }
    if (library.contains(tag)) {
      return "library";
    }
    return "-";
  }

  private static <T> String join(Collection<T> values, Function<T, String> name) {
    if (values.isEmpty()) {
      return "-";
    }
    return values.stream().map(name).collect(Collectors.joining(","));
  }
}
