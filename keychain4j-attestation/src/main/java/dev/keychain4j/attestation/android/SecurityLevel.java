package dev.keychain4j.attestation.android;

/** Protection level of a key and of its attestation, in ascending order. */
public enum SecurityLevel {
  SOFTWARE(0),
  TRUSTED_ENVIRONMENT(1),
  STRONG_BOX(2);

  private final int asn1Value;

  SecurityLevel(int asn1Value) {
    this.asn1Value = asn1Value;
  }

  /** Returns the ENUMERATED value in the KeyDescription. */
  public int asn1Value() {
    return asn1Value;
  }

  /** Returns true when this level protects at least as well as {@code other}. */
  public boolean isAtLeast(SecurityLevel other) {
    return compareTo(other) >= 0;
  }

  static SecurityLevel fromAsn1(int value) throws KeyDescriptionParseException {
    for (SecurityLevel level : values()) {
      if (level.asn1Value == value) {
        return level;
      }
    }
    throw new KeyDescriptionParseException(
        "SecurityLevel value " + value + " is not 0, 1 or 2", null);
  }
}
