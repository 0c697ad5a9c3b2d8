package dev.keychain4j;

import java.util.Locale;

/** An RSA padding scheme a key may be used with. Keys of other algorithms have no paddings. */
public enum Padding {
  /** No padding: the only value that non-RSA keys accept, and it is then dropped. */
  NONE("none"),
  /** PKCS#1 v1.5 signature padding (RSASSA-PKCS1-v1_5, RFC 8017 section 8.2). */
  RSA_PKCS1("pkcs1"),
  /** Probabilistic signature scheme (RSASSA-PSS, RFC 8017 section 8.1). */
  RSA_PSS("pss"),
  /** Optimal asymmetric encryption padding (RSAES-OAEP, RFC 8017 section 7.1). */
  RSA_OAEP("oaep");

  private final String cliName;

  Padding(String cliName) {
    this.cliName = cliName;
  }

  /** Returns the lower-case name used on the command line, such as {@code pss}. */
  public String cliName() {
    return cliName;
  }

  /**
   * Returns the padding with the given command-line name, ignoring case.
   *
   * @throws IllegalArgumentException if no padding has that name
   */
  public static Padding fromCliName(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    for (Padding padding : values()) {
      if (padding.cliName.equals(wanted)) {
        return padding;
      }
    }
    throw new IllegalArgumentException(
        "Unknown padding '" + name + "': use one of " + Names.list(values()));
  }
}
