package dev.keychain4j;

import java.util.Locale;

/** The algorithm and size of a key pair generated in a secure element. */
public enum KeyAlgorithm {
  /** ECDSA or ECDH on NIST P-256 (secp256r1). */
  EC_P256("ec-p256", Family.EC),
  /** ECDSA or ECDH on NIST P-384 (secp384r1). */
  EC_P384("ec-p384", Family.EC),
  /** ECDSA or ECDH on NIST P-521 (secp521r1). */
  EC_P521("ec-p521", Family.EC),
  /** EdDSA signatures on edwards25519 (RFC 8032). */
  ED25519("ed25519", Family.ED25519),
  /** Diffie-Hellman key agreement on Curve25519 (RFC 7748). */
  X25519("x25519", Family.X25519),
  /** RSA with a 2048-bit modulus and public exponent 65537. */
  RSA_2048("rsa-2048", Family.RSA),
  /** RSA with a 3072-bit modulus and public exponent 65537. */
  RSA_3072("rsa-3072", Family.RSA),
  /** RSA with a 4096-bit modulus and public exponent 65537. */
  RSA_4096("rsa-4096", Family.RSA);

  /** The kind of key, which decides the operations and parameters a key of the algorithm allows. */
  public enum Family {
    /** Elliptic curve keys on a NIST curve. */
    EC,
    /** Ed25519 signing keys. */
    ED25519,
    /** X25519 key agreement keys. */
    X25519,
    /** RSA keys. */
    RSA
  }

  private final String cliName;
  private final Family family;

  KeyAlgorithm(String cliName, Family family) {
    this.cliName = cliName;
    this.family = family;
  }

  /** Returns the lower-case name used on the command line and in JSON, such as {@code ec-p256}. */
  public String cliName() {
    return cliName;
  }

  /** Returns the kind of key. */
  public Family family() {
    return family;
  }

  /**
   * Returns the algorithm with the given command-line name, ignoring case.
   *
   * @throws IllegalArgumentException if no algorithm has that name
   */
  public static KeyAlgorithm fromCliName(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    for (KeyAlgorithm algorithm : values()) {
      if (algorithm.cliName.equals(wanted)) {
        return algorithm;
      }
    }
    throw new IllegalArgumentException(
        "Unknown key algorithm '" + name + "': use one of " + Names.list(values()));
  }
}
