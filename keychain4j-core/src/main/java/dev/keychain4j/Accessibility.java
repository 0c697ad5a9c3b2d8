package dev.keychain4j;

import java.util.Locale;

/**
 * When an item may be used, with the meaning of Apple's {@code kSecAttrAccessible} values. The
 * secure element enforces it, and the keychain binds it into the sealed authorizations, so editing
 * it in the database makes the item fail with {@link KeyCorruptedException}.
 *
 * <p>{@code THIS_DEVICE_ONLY} items are bound to this keychain's device key and never leave it:
 * {@code Keychain.backup} leaves them out.
 */
public enum Accessibility {
  /** Usable only while the keychain is unlocked. The default. */
  WHEN_UNLOCKED("when-unlocked", true, false),
  /** Usable once the keychain was unlocked, until the element (the agent process) stops. */
  AFTER_FIRST_UNLOCK("after-first-unlock", false, false),
  /** As {@link #WHEN_UNLOCKED}, and never included in a backup. */
  WHEN_UNLOCKED_THIS_DEVICE_ONLY("when-unlocked-this-device-only", true, true),
  /** As {@link #AFTER_FIRST_UNLOCK}, and never included in a backup. */
  AFTER_FIRST_UNLOCK_THIS_DEVICE_ONLY("after-first-unlock-this-device-only", false, true),
  /**
   * Usable only while the keychain is unlocked and a passcode is set; never included in a backup.
   * Removing the passcode deletes these items.
   */
  WHEN_PASSCODE_SET_THIS_DEVICE_ONLY("when-passcode-set-this-device-only", true, true);

  private final String cliName;
  private final boolean requiresUnlocked;
  private final boolean thisDeviceOnly;

  Accessibility(String cliName, boolean requiresUnlocked, boolean thisDeviceOnly) {
    this.cliName = cliName;
    this.requiresUnlocked = requiresUnlocked;
    this.thisDeviceOnly = thisDeviceOnly;
  }

  /** Returns the lower-case name used on the command line, such as {@code after-first-unlock}. */
  public String cliName() {
    return cliName;
  }

  /** Returns whether a locked keychain refuses items with this accessibility. */
  public boolean requiresUnlocked() {
    return requiresUnlocked;
  }

  /** Returns whether items with this accessibility are left out of backups. */
  public boolean thisDeviceOnly() {
    return thisDeviceOnly;
  }

  /**
   * Returns the accessibility with the given command-line name, ignoring case.
   *
   * @throws IllegalArgumentException if no accessibility has that name
   */
  public static Accessibility fromCliName(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    for (Accessibility accessibility : values()) {
      if (accessibility.cliName.equals(wanted)) {
        return accessibility;
      }
    }
    StringBuilder names = new StringBuilder();
    for (Accessibility accessibility : values()) {
      names.append(names.length() == 0 ? "" : ", ").append(accessibility.cliName);
    }
    throw new IllegalArgumentException(
        "Unknown accessibility '" + name + "': use one of " + names);
  }
}
