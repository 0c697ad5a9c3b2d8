package dev.keychain4j.testing;

/** The verified boot state an emulated device reports in its RootOfTrust, as KeyMint defines it. */
public enum VerifiedBootState {
  /** The whole boot chain is verified with the manufacturer's key. */
  VERIFIED(0),
  /** The boot chain is verified with a key the user installed. */
  SELF_SIGNED(1),
  /** The bootloader is unlocked and nothing is verified. */
  UNVERIFIED(2),
  /** Verification failed. */
  FAILED(3);

  private final int keyMintValue;

  VerifiedBootState(int keyMintValue) {
    this.keyMintValue = keyMintValue;
  }

  /** Returns the ENUMERATED value in the RootOfTrust. */
  public int keyMintValue() {
    return keyMintValue;
  }
}
