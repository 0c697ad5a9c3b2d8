package dev.keychain4j.cli;

import dev.keychain4j.attestation.android.AndroidAttestationResult;
import dev.keychain4j.attestation.android.AndroidAttestationVerifier;
import dev.keychain4j.attestation.android.AttestationApplicationId;
import dev.keychain4j.attestation.android.AttestationPolicy;
import dev.keychain4j.attestation.android.AttestationWarning;
import dev.keychain4j.attestation.android.ReasonCode;
import dev.keychain4j.attestation.android.RevocationSource;
import dev.keychain4j.attestation.android.SecurityLevel;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Base64;
import java.util.HexFormat;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "android",
    mixinStandardHelpOptions = true,
    description = {
      "Verify an Android key attestation certificate chain (PEM, leaf first) against Google's"
          + " attestation roots.",
      "Without --revocations, revocation is not checked and the report says so. Without a"
          + " challenge or --require-locked-bootloader, a trusted result warns that the challenge"
          + " or the boot state was not checked."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the attestation is trusted",
      "1:the attestation is rejected",
      "2:bad usage or unreadable input"
    })
final class AndroidAttestationCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  private static final String NAME = "keychain attestation android";
  private static final DateTimeFormatter YEAR_MONTH = DateTimeFormatter.ofPattern("uuuuMM");

  @Parameters(
      index = "0",
      paramLabel = "CHAIN.pem",
      description = "Certificate chain as PEM, leaf first.")
  Path chainFile;

  @ArgGroup(exclusive = true)
  @Nullable Challenge challenge;

  static final class Challenge {
    @Option(
        names = "--challenge-hex",
        paramLabel = "H",
        description = "Expected attestation challenge, in hex.")
    @Nullable String hex;

    @Option(
        names = "--challenge-text",
        paramLabel = "T",
        description = "Expected attestation challenge, as UTF-8 text.")
    @Nullable String text;
  }

  @Option(
      names = "--roots",
      paramLabel = "PEM",
      description = "Trust these root certificates instead of Google's.")
  @Nullable Path roots;

  @Option(
      names = "--revocations",
      paramLabel = "FILE|URL",
      description =
          "Status list JSON: a file, an http(s) URL, or 'google' for Google's list. An"
              + " unavailable list rejects the chain.")
  @Nullable String revocations;

  @Option(
      names = "--at",
      paramLabel = "INSTANT",
      description =
          "Verification instant, ISO-8601 (for example 2024-09-20T00:00:00Z). Default: now.")
  @Nullable String at;

  @Option(
      names = "--min-security-level",
      paramLabel = "LEVEL",
      description =
          "Lowest accepted level: ${COMPLETION-CANDIDATES}. Default: TRUSTED_ENVIRONMENT.")
  SecurityLevel minSecurityLevel = SecurityLevel.TRUSTED_ENVIRONMENT;

  @Option(
      names = "--require-locked-bootloader",
      description =
          "Reject unless the bootloader is locked and the verified boot state is VERIFIED."
              + " Without it, the result warns about an unlocked or unverified device.")
  boolean requireLockedBootloader;

  @Option(
      names = "--min-os-version",
      paramLabel = "N",
      description = "Lowest accepted OS version in KeyMint's MMmmpp form (140000 is Android 14).")
  @Nullable Integer minOsVersion;

  @Option(
      names = "--min-patch-level",
      paramLabel = "YYYYMM",
      description = "Lowest accepted OS patch level, for example 202401.")
  @Nullable String minPatchLevel;

  @Option(
      names = "--min-vendor-patch-level",
      paramLabel = "YYYYMMDD",
      description = "Lowest accepted vendor patch level, for example 20240105.")
  @Nullable String minVendorPatchLevel;

  @Option(
      names = "--min-boot-patch-level",
      paramLabel = "YYYYMMDD",
      description = "Lowest accepted boot patch level, for example 20240105.")
  @Nullable String minBootPatchLevel;

  @Option(
      names = "--package",
      paramLabel = "NAME",
      description = "Accepted application package name. Repeat to accept several.")
  List<String> packages = new ArrayList<>();

  @Option(
      names = "--signing-digest",
      paramLabel = "HEX",
      description =
          "Accepted SHA-256 digest of the app's signing certificate, in hex. Repeat to accept"
              + " several.")
  List<String> signingDigests = new ArrayList<>();

  @Option(
      names = "--strict",
      description = "Reject KeyDescription encoding deviations instead of warning.")
  boolean strict;

  @Option(names = "--json", description = "Print a JSON document instead of a readable report.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AndroidAttestationVerifier verifier;
    String pem;
    try {
      verifier = buildVerifier();
      pem = Files.readString(chainFile, StandardCharsets.US_ASCII);
    } catch (UsageException e) {
      err.println(NAME + ": " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println(NAME + ": cannot read " + chainFile + ": " + readFailure(e));
      return 2;
    }

    AndroidAttestationResult result = verifier.verifyPem(pem);
    if (result.reason() == ReasonCode.MALFORMED_CERTIFICATE) {
      err.println(
          NAME
              + ": "
              + chainFile
              + " is not a readable certificate chain: "
              + result.failedRule().orElse("malformed certificate"));
      return 2;
    }
    if (json) {
      out.println(result.toJson());
    } else {
      printReport(result, out);
    }
    return result.isTrusted() ? 0 : 1;
  }

  private AndroidAttestationVerifier buildVerifier() throws UsageException, IOException {
    AndroidAttestationVerifier.Builder builder =
        AndroidAttestationVerifier.builder().strict(strict);

    if (challenge != null && challenge.hex != null) {
      try {
        builder.expectedChallenge(HexFormat.of().parseHex(challenge.hex));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--challenge-hex is not valid hex: " + e.getMessage());
      }
    } else if (challenge != null && challenge.text != null) {
      builder.expectedChallenge(challenge.text.getBytes(StandardCharsets.UTF_8));
    }

    if (roots != null) {
      String rootsPem;
      try {
        rootsPem = Files.readString(roots, StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw new UsageException("cannot read --roots " + roots + ": " + readFailure(e));
      }
      try {
        builder.trustAnchorsPem(rootsPem);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--roots " + roots + ": " + e.getMessage());
      }
    }

    if (revocations == null) {
      builder.insecureSkipRevocationCheck();
    } else if (revocations.equals("google")) {
      builder.revocationSource(
          RevocationSource.fromUrl(RevocationSource.GOOGLE_STATUS_URL, Duration.ofHours(1)));
    } else if (revocations.startsWith("http://") || revocations.startsWith("https://")) {
      try {
        builder.revocationSource(
            RevocationSource.fromUrl(URI.create(revocations), Duration.ofHours(1)));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--revocations " + revocations + " is not a valid URL");
      }
    } else {
      Path file = Path.of(revocations);
      if (!Files.isReadable(file)) {
        throw new UsageException(
            "--revocations file "
                + revocations
                + " is not readable. Pass a status list file, an http(s) URL or 'google'.");
      }
      builder.revocationSource(RevocationSource.fromFile(file));
    }

    if (at != null) {
      try {
        builder.clock(Clock.fixed(Instant.parse(at), ZoneOffset.UTC));
      } catch (DateTimeParseException e) {
        throw new UsageException(
            "--at " + at + " is not an ISO-8601 instant such as 2024-09-20T00:00:00Z");
      }
    }

    builder.policy(buildPolicy());
    return builder.build();
  }

  private AttestationPolicy buildPolicy() throws UsageException {
    AttestationPolicy.Builder policy =
        AttestationPolicy.builder().minSecurityLevel(minSecurityLevel);

    if (requireLockedBootloader) {
      policy.requireLockedBootloaderAndVerifiedBoot();
    }

    if (minOsVersion != null) {
      if (minOsVersion < 0) {
        throw new UsageException("--min-os-version must be 0 or more, got " + minOsVersion);
      }
      policy.minOsVersion(minOsVersion);
    }

    if (minPatchLevel != null) {
      try {
        policy.minOsPatchLevel(YearMonth.parse(minPatchLevel, YEAR_MONTH));
      } catch (DateTimeParseException e) {
        throw new UsageException(
            "--min-patch-level "
                + minPatchLevel
                + " is not a month in YYYYMM form, such as 202401");
      }
    }

    if (minVendorPatchLevel != null) {
      policy.minVendorPatchLevel(parseDay("--min-vendor-patch-level", minVendorPatchLevel));
    }

    if (minBootPatchLevel != null) {
      policy.minBootPatchLevel(parseDay("--min-boot-patch-level", minBootPatchLevel));
    }

    for (String name : packages) {
      if (name.isBlank()) {
        throw new UsageException("--package must not be blank");
      }
    }
    policy.allowedPackageNames(Set.copyOf(packages));

    Set<byte[]> digests = new HashSet<>();
    for (String hex : signingDigests) {
      byte[] digest;
      try {
        digest = HexFormat.of().parseHex(hex);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--signing-digest " + hex + " is not valid hex");
      }
      if (digest.length != 32) {
        throw new UsageException(
            "--signing-digest "
                + hex
                + " has "
                + digest.length
                + " bytes. Pass a SHA-256 digest: 64 hex digits.");
      }
      digests.add(digest);
    }
    policy.allowedSigningDigests(digests);

    return policy.build();
  }

  private static LocalDate parseDay(String option, String value) throws UsageException {
    try {
      return LocalDate.parse(value, DateTimeFormatter.BASIC_ISO_DATE);
    } catch (DateTimeParseException e) {
      throw new UsageException(
          option + " " + value + " is not a date in YYYYMMDD form, such as 20240105");
    }
  }

  private static void printReport(AndroidAttestationResult result, PrintWriter out) {
    StringBuilder verdict = new StringBuilder(result.verdict().name());
    if (!result.isTrusted()) {
      verdict.append(" (").append(result.reason());
      result.certificateIndex().ifPresent(i -> verdict.append(", certificate ").append(i));
      verdict.append(')');
    }
    line(out, "Verdict", verdict.toString());
    result.failedRule().ifPresent(rule -> line(out, "Failed rule", rule));
    line(out, "Root", result.rootClass().name());
    line(out, "Provisioning", result.provisioning().name());
    result
        .keyDescription()
        .ifPresent(
            description -> {
              line(
                  out,
                  "Attestation",
                  "version "
                      + description.attestationVersion()
                      + ", "
                      + description.attestationSecurityLevel()
                      + " (KeyMint "
                      + description.keyMintVersion()
                      + ", "
                      + description.keyMintSecurityLevel()
                      + ")");
              result
                  .effectiveSecurityLevel()
                  .ifPresent(level -> line(out, "Effective level", level.name()));
              line(
                  out,
                  "Verified boot",
                  result.verifiedBootState().map(Enum::name).orElse("(not attested)")
                      + result
                          .deviceLocked()
                          .map(locked -> locked ? ", bootloader locked" : ", bootloader unlocked")
                          .orElse(""));
              line(out, "OS version", value(result.osVersion()));
              line(
                  out,
                  "Patch levels",
                  "OS "
                      + value(result.osPatchLevel())
                      + ", vendor "
                      + value(result.vendorPatchLevel())
                      + ", boot "
                      + value(result.bootPatchLevel()));
              result
                  .applicationId()
                  .ifPresent(
                      app -> {
                        for (AttestationApplicationId.PackageInfo info : app.packages()) {
                          line(out, "Package", info.name() + " (version " + info.version() + ")");
                        }
                        for (byte[] digest : app.signatureDigests()) {
                          line(out, "Signing digest", Base64.getEncoder().encodeToString(digest));
                        }
                      });
              result.deviceIds().forEach((tag, id) -> line(out, tag.jsonName(), id));
            });
    for (AttestationWarning warning : result.warnings()) {
      line(out, "Warning", warning.code() + ": " + warning.message());
    }
  }

  /**
   * Describes why a PEM file could not be read. The JDK's exceptions for a missing file carry only
   * the path, and a binary file fails ASCII decoding with "Input length = 1".
   */
  private static String readFailure(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof CharacterCodingException) {
      return "not PEM text (the file contains bytes that are not ASCII)."
          + " Pass the chain as PEM, leaf first; convert DER with openssl x509 -inform DER";
    }
    if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
      return ((FileSystemException) e).getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String value(OptionalInt value) {
    return value.isPresent() ? String.valueOf(value.getAsInt()) : "(not attested)";
  }

  private static void line(PrintWriter out, String label, String value) {
    out.printf("%-16s %s%n", label + ":", value);
  }

  /** Bad input from the command line, reported with exit code 2. */
  private static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }
}
