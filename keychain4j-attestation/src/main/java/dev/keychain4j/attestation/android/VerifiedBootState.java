package dev.keychain4j.attestation.android;

/** The verified boot state reported in the root of trust. */
public enum VerifiedBootState {
  VERIFIED(0),
  SELF_SIGNED(1),
  UNVERIFIED(2),
  FAILED(3);

  private final int asn1Value;

  VerifiedBootState(int asn1Value) {
    this.asn1Value = asn1Value;
  }

  /** Returns the ENUMERATED value in the RootOfTrust. */
  public int asn1Value() {
    return asn1Value;
  }

  static VerifiedBootState fromAsn1(int value) throws KeyDescriptionParseException {
    for (VerifiedBootState state : values()) {
      if (state.asn1Value == value) {
        return state;
      }
    }
    throw new KeyDescriptionParseException(
        "verifiedBootState value " + value + " is not 0 to 3", KeyMintTag.ROOT_OF_TRUST.number());
  }
}
