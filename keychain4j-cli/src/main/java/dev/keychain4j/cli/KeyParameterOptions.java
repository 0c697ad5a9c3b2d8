package dev.keychain4j.cli;

import dev.keychain4j.AccessControl;
import dev.keychain4j.Accessibility;
import dev.keychain4j.Digest;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.Padding;
import dev.keychain4j.Purpose;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The authorizations of a key, as {@code generate} and {@code adopt} take them. */
final class KeyParameterOptions {
  @Option(
      names = "--algorithm",
      required = true,
      paramLabel = "ALGORITHM",
      description = "One of ec-p256, ec-p384, ec-p521, ed25519, x25519, rsa-2048, rsa-3072, rsa-4096.")
  @Nullable KeyAlgorithm algorithm;

  @Option(
      names = "--purpose",
      required = true,
      split = ",",
      paramLabel = "PURPOSE",
      description = "Comma-separated purposes: sign, verify, encrypt, decrypt, agree-key, attest-key.")
  List<Purpose> purposes = List.of();

  @Option(
      names = "--digest",
      split = ",",
      paramLabel = "DIGEST",
      description =
          "Comma-separated allowed digests: none, sha256, sha384, sha512."
              + " Default: sha256,sha384,sha512 for EC and RSA keys, none for Ed25519 and X25519.")
  List<Digest> digests = List.of();

  @Option(
      names = "--padding",
      split = ",",
      paramLabel = "PADDING",
      description =
          "Comma-separated allowed RSA paddings: pkcs1, pss, oaep. Default: pkcs1,pss for signing"
              + " keys, plus oaep for encryption keys.")
  List<Padding> paddings = List.of();

  @Option(
      names = "--active-from",
      paramLabel = "INSTANT",
      description = "The key cannot be used before this ISO-8601 instant, such as 2030-01-31T00:00:00Z.")
  @Nullable Instant activeFrom;

  @Option(
      names = "--origination-end",
      paramLabel = "INSTANT",
      description = "The key cannot sign or encrypt after this ISO-8601 instant.")
  @Nullable Instant originationEnd;

  @Option(
      names = "--consumption-end",
      paramLabel = "INSTANT",
      description = "The key cannot verify, decrypt or agree after this ISO-8601 instant.")
  @Nullable Instant consumptionEnd;

  @Option(
      names = "--usage-limit",
      paramLabel = "COUNT",
      description = "Number of private-key operations allowed. The key is deleted after the last one.")
  @Nullable Integer usageLimit;

  @Option(
      names = "--accessible",
      paramLabel = "WHEN",
      description =
          "When the key may be used: when-unlocked (default), after-first-unlock,"
              + " when-unlocked-this-device-only, after-first-unlock-this-device-only,"
              + " when-passcode-set-this-device-only. this-device-only keys are never backed up.")
  @Nullable String accessible;

  @Option(
      names = "--access",
      paramLabel = "EXPR",
      description =
          "User authentication the key needs: user-presence, device-passcode, biometry-any,"
              + " biometry-current-set and private-key-usage joined with ',' for AND and '|' for"
              + " OR, such as 'private-key-usage,biometry-any|device-passcode'. Private-key"
              + " operations need private-key-usage.")
  @Nullable String access;

  @Option(
      names = "--auth-timeout",
      paramLabel = "SECONDS",
      description = "One authentication covers uses of the key for this many seconds. Default:"
          + " authenticate every operation.")
  @Nullable Integer authTimeout;

  @Option(names = "--label", paramLabel = "LABEL", description = "A label, which need not be unique.")
  @Nullable String label;

  /** Builds the parameters before the keychain is opened, so that a bad option fails without a prompt. */
  KeyParameters parameters() {
    KeyAlgorithm keyAlgorithm = Objects.requireNonNull(algorithm, "--algorithm");
    KeyParameters.Builder builder = KeyParameters.builder(keyAlgorithm).purposes(EnumSet.copyOf(purposes));
    if (!digests.isEmpty()) {
      builder.digests(EnumSet.copyOf(digests));
    }
    if (!paddings.isEmpty()) {
      builder.paddings(EnumSet.copyOf(paddings));
    }
    builder.activeFrom(activeFrom).originationEnd(originationEnd).consumptionEnd(consumptionEnd).label(label);
    if (usageLimit != null) {
      builder.usageLimit(usageLimit);
    }
    if (accessible != null) {
      builder.accessibility(Accessibility.fromCliName(accessible));
    }
    if (access != null) {
      builder.accessControl(AccessControl.parse(access));
    }
    if (authTimeout != null) {
      builder.authTimeoutSeconds(authTimeout);
    }
    return builder.build();
  }
}
