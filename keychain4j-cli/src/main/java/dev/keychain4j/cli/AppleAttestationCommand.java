package dev.keychain4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keychain4j.attestation.apple.AppAttestEnvironment;
import dev.keychain4j.attestation.apple.AppAttestException;
import dev.keychain4j.attestation.apple.AppAttestVerifier;
import dev.keychain4j.attestation.apple.AppAttestation;
import dev.keychain4j.attestation.apple.AppId;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keychain attestation apple}: verifies an App Attest attestation object. */
@Command(
    name = "apple",
    mixinStandardHelpOptions = true,
    description = {
      "Verify an Apple App Attest attestation object against the pinned App Attest root.",
      "A decodable but invalid attestation is REJECTED (exit 1) with a reason code."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the attestation is trusted",
      "1:the attestation is rejected",
      "2:bad usage or unreadable input"
    })
final class AppleAttestationCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--attestation",
      required = true,
      paramLabel = "FILE",
      description = "File with the attestation object: binary CBOR or its base64 text.")
  Path attestation;

  @Option(
      names = "--key-id",
      required = true,
      paramLabel = "B64",
      description = "The key id the app sent, in base64.")
  String keyId;

  @Option(
      names = "--app-id",
      required = true,
      paramLabel = "TEAMID.BUNDLE",
      description = "Team id and bundle id, such as 8YE23NZS57.com.example.app.")
  String appId;

  @ArgGroup(exclusive = true, multiplicity = "1")
  ClientDataHashOptions clientData;

  @Option(
      names = "--environment",
      paramLabel = "ENV",
      defaultValue = "production",
      description =
          "App Attest environment whose AAGUID is accepted: production or development (default:"
              + " ${DEFAULT-VALUE}).")
  String environment;

  @Option(
      names = "--at",
      paramLabel = "INSTANT",
      description =
          "Verification instant in ISO-8601 UTC, such as 2020-09-28T00:00:00Z (default: now).")
  @Nullable String at;

  @Option(names = "--json", description = "Print the verdict as one JSON object.")
  boolean json;

  /** The three ways to give the clientDataHash; exactly one is required. */
  static final class ClientDataHashOptions {
    @Option(
        names = "--challenge-text",
        paramLabel = "T",
        description = "Client data as text; its UTF-8 bytes are hashed with SHA-256.")
    @Nullable String text;

    @Option(
        names = "--challenge-hex",
        paramLabel = "H",
        description = "Client data as hex; its bytes are hashed with SHA-256.")
    @Nullable String hex;

    @Option(
        names = "--client-data-hash-b64",
        paramLabel = "B",
        description = "The 32-byte clientDataHash in base64, used as given.")
    @Nullable String hashBase64;

    /** Returns the clientDataHash, or throws a usage error naming the invalid option. */
    byte[] clientDataHash(CommandSpec spec) {
      if (text != null) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
      }
      if (hex != null) {
        try {
          return sha256(HexFormat.of().parseHex(hex.strip()));
        } catch (IllegalArgumentException e) {
          throw new ParameterException(
              spec.commandLine(), "invalid --challenge-hex: " + e.getMessage());
        }
      }
      byte[] hash =
          decodeBase64(spec, "--client-data-hash-b64", hashBase64 == null ? "" : hashBase64);
      if (hash.length != 32) {
        throw new ParameterException(
            spec.commandLine(),
            "invalid --client-data-hash-b64: it decodes to "
                + hash.length
                + " bytes, expected the 32 bytes of a SHA-256");
      }
      return hash;
    }
  }

  @Override
  public Integer call() {
    AppId parsedAppId = parseAppId(spec, appId);
    AppAttestEnvironment parsedEnvironment = parseEnvironment();
    Instant instant = parseInstant();
    byte[] parsedKeyId = decodeBase64(spec, "--key-id", keyId);
    byte[] clientDataHash = clientData.clientDataHash(spec);
    byte[] object = readCborFile(spec, "--attestation", attestation);

    AppAttestVerifier verifier =
        AppAttestVerifier.builder().appId(parsedAppId).environment(parsedEnvironment).build();
    PrintWriter out = spec.commandLine().getOut();
    ObjectNode result = new ObjectMapper().createObjectNode();
    int exitCode;
    String message = "";
    try {
      AppAttestation verified =
          verifier.verifyAttestation(object, parsedKeyId, clientDataHash, instant);
      result.put("verdict", "TRUSTED");
      result.putNull("reason");
      result.put("keyId", Base64.getEncoder().encodeToString(verified.keyId()));
      result.put("publicKeyPem", publicKeyPem(verified.publicKey()));
      result.put("counter", verified.counter());
      result.put("environment", verified.environment().jsonName());
      result.put("appId", verified.appId().toString());
      result.put("receipt", Base64.getEncoder().encodeToString(verified.receipt()));
      exitCode = 0;
    } catch (AppAttestException e) {
      result.put("verdict", "REJECTED");
      result.put("reason", e.reason().name());
      result.put("keyId", Base64.getEncoder().encodeToString(parsedKeyId));
      result.putNull("publicKeyPem");
      result.putNull("counter");
      result.put("environment", parsedEnvironment.jsonName());
      result.put("appId", parsedAppId.toString());
      result.putNull("receipt");
      message = e.getMessage();
      exitCode = 1;
    }

    if (json) {
      out.println(result.toString());
      if (exitCode != 0) {
        spec.commandLine().getErr().println("keychain attestation apple: " + message);
      }
    } else if (exitCode == 0) {
      out.println(
          "TRUSTED: App Attest key "
              + result.get("keyId").asText()
              + " of "
              + parsedAppId
              + " ("
              + parsedEnvironment.jsonName()
              + "), counter 0");
      out.print(result.get("publicKeyPem").asText());
    } else {
      out.println("REJECTED: " + result.get("reason").asText() + ": " + message);
    }
    out.flush();
    return exitCode;
  }

  private AppAttestEnvironment parseEnvironment() {
    for (AppAttestEnvironment candidate : AppAttestEnvironment.values()) {
      if (candidate.jsonName().equalsIgnoreCase(environment)) {
        return candidate;
      }
    }
    throw new ParameterException(
        spec.commandLine(),
        "invalid --environment '" + environment + "': expected production or development");
  }

  private Instant parseInstant() {
    if (at == null) {
      return Instant.now();
    }
    try {
      return Instant.parse(at);
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(),
          "invalid --at '"
              + at
              + "': expected an ISO-8601 UTC instant such as 2020-09-28T00:00:00Z");
    }
  }

  static AppId parseAppId(CommandSpec spec, String value) {
    try {
      return AppId.parse(value);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "invalid --app-id: " + e.getMessage());
    }
  }

  static byte[] decodeBase64(CommandSpec spec, String option, String value) {
    try {
      return Base64.getDecoder().decode(value.strip());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "invalid " + option + ": not base64 (" + e.getMessage() + ")");
    }
  }

  private static final Pattern BASE64_TEXT = Pattern.compile("[A-Za-z0-9+/=\\s]+");

  /**
   * Reads a file holding binary CBOR or base64 text. A CBOR attestation object or assertion starts
   * with a map header byte (0xa0 to 0xbf), which is never a base64 character.
   */
  static byte[] readCborFile(CommandSpec spec, String option, Path file) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ParameterException(
          spec.commandLine(), "could not read " + option + " " + file + ": " + e);
    }
    String text = new String(content, StandardCharsets.ISO_8859_1);
    if (!text.isBlank() && BASE64_TEXT.matcher(text).matches()) {
      try {
        return Base64.getMimeDecoder().decode(text.strip());
      } catch (IllegalArgumentException e) {
        throw new ParameterException(
            spec.commandLine(),
            option + " " + file + " is neither CBOR nor valid base64: " + e.getMessage());
      }
    }
    return content;
  }

  static String publicKeyPem(PublicKey key) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded());
    return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
