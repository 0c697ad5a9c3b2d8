package dev.keychain4j;

/**
 * The keychain is locked and the item's accessibility does not allow its use in that state, or
 * it needs a passcode that is not set. Unlock the keychain (or set the passcode) and retry.
 */
public class InteractionNotAllowedException extends KeychainException {
  private static final long serialVersionUID = 1L;

  private final String tag;
  private final Accessibility accessibility;

  public InteractionNotAllowedException(String tag, Accessibility accessibility, String message) {
    super(message);
    this.tag = tag;
    this.accessibility = accessibility;
  }

  /** Returns the tag of the refused item. */
  public String tag() {
    return tag;
  }

  /** Returns the accessibility of the refused item. */
  public Accessibility accessibility() {
    return accessibility;
  }
}
