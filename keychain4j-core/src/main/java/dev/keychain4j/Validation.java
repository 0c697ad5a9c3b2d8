package dev.keychain4j;

/** Syntax rules for tags and labels. */
final class Validation {
  /** Maximum tag length, in characters. */
  static final int MAX_TAG_LENGTH = 255;

  private Validation() {}

  static String checkTag(String tag) {
    if (tag.isEmpty() || tag.length() > MAX_TAG_LENGTH) {
      throw new IllegalArgumentException(
          "Invalid tag '" + tag + "': use 1 to " + MAX_TAG_LENGTH + " characters");
    }
    if (hasControl(tag) || !tag.strip().equals(tag)) {
      throw new IllegalArgumentException(
          "Invalid tag '" + tag.replaceAll("\\p{Cntrl}", "?")
              + "': remove control characters and leading or trailing spaces");
    }
    return tag;
  }

  static String checkLabel(String label) {
    if (label.isEmpty() || label.length() > KeyParameters.MAX_LABEL_LENGTH) {
      throw new IllegalArgumentException(
          "Invalid label of " + label.length() + " characters: use 1 to "
              + KeyParameters.MAX_LABEL_LENGTH);
    }
    if (hasControl(label)) {
      throw new IllegalArgumentException(
          "Invalid label '" + label.replaceAll("\\p{Cntrl}", "?")
              + "': remove control characters");
    }
    return label;
  }

  private static boolean hasControl(String text) {
    return text.chars().anyMatch(Character::isISOControl);
  }
}
