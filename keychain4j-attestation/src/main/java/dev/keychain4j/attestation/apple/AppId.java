package dev.keychain4j.attestation.apple;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An App Attest app identifier: the 10-character Apple team id, a dot, and the bundle id, as in
 * {@code 8YE23NZS57.com.example.app}. The relying-party ID hash of App Attest is the SHA-256 of
 * this string.
 *
 * @param teamId the team id, ten upper-case letters or digits
 * @param bundleId the bundle id, letters, digits, '.', '-' and '_'
 */
public record AppId(String teamId, String bundleId) {
  private static final Pattern TEAM_ID = Pattern.compile("[A-Z0-9]{10}");
  private static final Pattern BUNDLE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /** Checks both parts. */
  public AppId {
    Objects.requireNonNull(teamId, "teamId");
    Objects.requireNonNull(bundleId, "bundleId");
    if (!TEAM_ID.matcher(teamId).matches()) {
      throw new IllegalArgumentException(
          "invalid team id '" + teamId + "': expected ten upper-case letters or digits");
    }
    if (!BUNDLE_ID.matcher(bundleId).matches()) {
      throw new IllegalArgumentException(
          "invalid bundle id '" + bundleId + "': expected letters, digits, '.', '-' or '_'");
    }
  }

  /**
   * Parses {@code TEAMID.BUNDLEID}, splitting at the first dot.
   *
   * @throws IllegalArgumentException if the value has no dot or either part is invalid
   */
  public static AppId parse(String value) {
    Objects.requireNonNull(value, "value");
    int dot = value.indexOf('.');
    if (dot < 0) {
      throw new IllegalArgumentException(
          "invalid app id '"
              + value
              + "': expected TEAMID.BUNDLEID, such as 8YE23NZS57.com.example.app");
    }
    return new AppId(value.substring(0, dot), value.substring(dot + 1));
  }

  /**
   * Returns the UTF-8 bytes of {@code teamId + "." + bundleId}, the App Attest relying-party ID.
   */
  public byte[] rpId() {
    return toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Returns {@code teamId + "." + bundleId}. */
  @Override
  public String toString() {
    return teamId + "." + bundleId;
  }
}
