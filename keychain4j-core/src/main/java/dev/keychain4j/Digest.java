package dev.keychain4j;

import java.util.Locale;

/** A message digest a key may be used with. */
public enum Digest {
  /**
   * No digest: the algorithm hashes internally (Ed25519), none applies (X25519), or the caller
   * passes a hash it computed (ECDSA, as {@code NONEwithECDSA}).
   */
  NONE("none", "NONE", 0),
  /** SHA-256. */
  SHA256("sha256", "SHA-256", 32),
  /** SHA-384. */
  SHA384("sha384", "SHA-384", 48),
  /** SHA-512. */
  SHA512("sha512", "SHA-512", 64);

  private final String cliName;
  private final String jcaName;
  private final int length;

  Digest(String cliName, String jcaName, int length) {
    this.cliName = cliName;
    this.jcaName = jcaName;
    this.length = length;
  }

  /** Returns the lower-case name used on the command line, such as {@code sha256}. */
  public String cliName() {
    return cliName;
  }

  /** Returns the JCA standard name, such as {@code SHA-256}. */
  public String jcaName() {
    return jcaName;
  }

  /** Returns the output length in bytes, 0 for {@link #NONE}. */
  public int length() {
    return length;
  }

  /**
   * Returns the digest with the given command-line name, ignoring case.
   *
   * @throws IllegalArgumentException if no digest has that name
   */
  public static Digest fromCliName(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    for (Digest digest : values()) {
      if (digest.cliName.equals(wanted)) {
        return digest;
      }
    }
    throw new IllegalArgumentException(
        "Unknown digest '" + name + "': use one of " + Names.list(values()));
  }
}
