package dev.keychain4j;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The user authentication a key needs, with the meaning of Apple's {@code SecAccessControl}
 * flags: a set of authenticator types joined with OR (any one suffices) or AND (all are needed),
 * plus the {@code PRIVATE_KEY_USAGE} flag. As on Apple's Secure Enclave, a key with an access
 * control runs private-key operations (sign, decrypt, agree) only when the flag is set.
 *
 * <p>Immutable. The secure element enforces it; it is part of the sealed authorizations.
 */
public final class AccessControl {
  /** The way several authenticator types combine. */
  public enum Combination {
    /** Any one of the types suffices. */
    OR,
    /** Every type is needed. */
    AND
  }

  private final Set<AuthenticatorType> types;
  private final Combination combination;
  private final boolean privateKeyUsage;

  private AccessControl(Set<AuthenticatorType> types, Combination combination, boolean privateKeyUsage) {
    this.types = Collections.unmodifiableSet(types.isEmpty() ? EnumSet.noneOf(AuthenticatorType.class) : EnumSet.copyOf(types));
    // One type or none combines the same either way, so it gets one canonical value.
    this.combination = this.types.size() < 2 ? Combination.OR : combination;
    this.privateKeyUsage = privateKeyUsage;
  }

  /**
   * Returns an access control.
   *
   * @throws IllegalArgumentException if it has neither a type nor {@code privateKeyUsage}
   */
  public static AccessControl of(
      Set<AuthenticatorType> types, Combination combination, boolean privateKeyUsage) {
    Objects.requireNonNull(combination, "combination");
    for (AuthenticatorType type : types) {
      Objects.requireNonNull(type, "type");
    }
    if (types.isEmpty() && !privateKeyUsage) {
      throw new IllegalArgumentException(
          "Empty access control: give at least one authenticator type or private-key-usage");
    }
    return new AccessControl(types, combination, privateKeyUsage);
  }

  /**
   * Parses the command-line form: flags {@code user-presence}, {@code device-passcode}, {@code
   * biometry-any}, {@code biometry-current-set} and {@code private-key-usage} joined with {@code ,}
   * for AND and {@code |} for OR. {@code private-key-usage} is always required in addition, so the
   * separator next to it joins it with AND; the authenticator types must all be joined the same
   * way. Example: {@code private-key-usage,biometry-any|device-passcode}.
   *
   * @throws IllegalArgumentException naming the bad flag or the mixed separators
   */
  public static AccessControl parse(String expression) {
    String text = expression.strip().toLowerCase(Locale.ROOT);
    if (text.isEmpty()) {
      throw new IllegalArgumentException(
          "Empty access control expression: give flags such as 'private-key-usage,biometry-any'");
    }
    String[] flags = text.split("[,|]", -1);
    char[] separators = new char[flags.length - 1];
    int position = 0;
    for (int i = 0; i < separators.length; i++) {
      position += flags[i].length();
      separators[i] = text.charAt(position);
      position++;
    }

    EnumSet<AuthenticatorType> types = EnumSet.noneOf(AuthenticatorType.class);
    boolean privateKeyUsage = false;
    Character typeSeparator = null;
    boolean previousIsType = false;
    for (int i = 0; i < flags.length; i++) {
      String flag = flags[i].strip();
      if (flag.equals("private-key-usage")) {
        privateKeyUsage = true;
        previousIsType = false;
        continue;
      }
      AuthenticatorType type = typeFromCliName(flag, expression);
      if (!types.add(type)) {
        throw new IllegalArgumentException(
            "Access control '" + expression + "' names " + flag + " twice: name it once");
      }
      // Only a separator between two authenticator types sets how they combine.
      if (previousIsType) {
        char separator = separators[i - 1];
        if (typeSeparator != null && typeSeparator != separator) {
          throw new IllegalArgumentException(
              "Access control '" + expression + "' joins authenticator types with both ','"
                  + " (AND) and '|' (OR): use one of them");
        }
        typeSeparator = separator;
      }
      previousIsType = true;
    }
    if (types.size() > 1 && typeSeparator == null) {
      throw new IllegalArgumentException(
          "Access control '" + expression + "' separates authenticator types only by"
              + " private-key-usage: put private-key-usage first, as in"
              + " 'private-key-usage,biometry-any|device-passcode'");
    }
    Combination combination =
        typeSeparator != null && typeSeparator == ',' ? Combination.AND : Combination.OR;
    return of(types, combination, privateKeyUsage);
  }

  private static AuthenticatorType typeFromCliName(String flag, String expression) {
    for (AuthenticatorType type : AuthenticatorType.values()) {
      if (type.cliName().equals(flag)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "Unknown access control flag '" + flag + "' in '" + expression + "': use user-presence,"
            + " device-passcode, biometry-any, biometry-current-set or private-key-usage");
  }

  /** Returns the authenticator types, empty when only {@code PRIVATE_KEY_USAGE} is set. */
  public Set<AuthenticatorType> types() {
    return types;
  }

  public Combination combination() {
    return combination;
  }

  /** Returns whether private-key operations are allowed. */
  public boolean privateKeyUsage() {
    return privateKeyUsage;
  }

  /** Returns whether the user must authenticate at all. */
  public boolean requiresAuthentication() {
    return !types.isEmpty();
  }

  /** Returns the command-line form, which {@link #parse} reads back to an equal value. */
  public String toExpression() {
    StringJoiner joined = new StringJoiner(combination == Combination.AND ? "," : "|");
    for (AuthenticatorType type : types) {
      joined.add(type.cliName());
    }
    if (!privateKeyUsage) {
      return joined.toString();
    }
    return types.isEmpty() ? "private-key-usage" : "private-key-usage," + joined;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AccessControl
        && ((AccessControl) other).types.equals(types)
        && ((AccessControl) other).combination == combination
        && ((AccessControl) other).privateKeyUsage == privateKeyUsage;
  }

  @Override
  public int hashCode() {
    return Objects.hash(types, combination, privateKeyUsage);
  }

  @Override
  public String toString() {
    return "AccessControl{" + toExpression() + "}";
  }
}
