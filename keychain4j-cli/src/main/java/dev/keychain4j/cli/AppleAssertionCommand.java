package dev.keychain4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keychain4j.attestation.apple.AppAssertion;
import dev.keychain4j.attestation.apple.AppAssertionVerifier;
import dev.keychain4j.attestation.apple.AppAttestException;
import dev.keychain4j.attestation.apple.AppAttestVerifier;
import dev.keychain4j.attestation.apple.AppId;
import dev.keychain4j.attestation.apple.AssertionCounterStore;
import dev.keychain4j.attestation.apple.CounterStoreException;
import dev.keychain4j.attestation.apple.InMemoryCounterStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keychain attestation apple-assertion}: verifies one App Attest assertion. */
@Command(
    name = "apple-assertion",
    mixinStandardHelpOptions = true,
    description = {
      "Verify an Apple App Attest assertion with the public key stored from the attestation.",
      "The assertion's counter must be greater than --previous-counter."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the assertion is trusted",
      "1:the assertion is rejected",
      "2:bad usage or unreadable input"
    })
final class AppleAssertionCommand implements Callable<Integer> {
  private static final Pattern PEM_PUBLIC_KEY =
      Pattern.compile("-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");

  @Spec CommandSpec spec;

  @Option(
      names = "--assertion",
      required = true,
      paramLabel = "FILE",
      description = "File with the assertion: binary CBOR or its base64 text.")
  Path assertion;

  @Option(
      names = "--public-key",
      required = true,
      paramLabel = "PEM",
      description =
          "PEM file with the attested public key (-----BEGIN PUBLIC KEY-----), or that PEM text"
              + " itself.")
  String publicKey;

  @Option(
      names = "--previous-counter",
      required = true,
      paramLabel = "N",
      description =
          "The counter stored for the key: 0 after the attestation, then the last accepted"
              + " assertion's counter.")
  long previousCounter;

  @Option(
      names = "--app-id",
      required = true,
      paramLabel = "TEAMID.BUNDLE",
      description = "Team id and bundle id, such as 8YE23NZS57.com.example.app.")
  String appId;

  @ArgGroup(exclusive = true, multiplicity = "1")
  AppleAttestationCommand.ClientDataHashOptions clientData;

  @Option(names = "--json", description = "Print the verdict as one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    AppId parsedAppId = AppleAttestationCommand.parseAppId(spec, appId);
    if (previousCounter < 0 || previousCounter > AssertionCounterStore.MAX_COUNTER) {
      throw new ParameterException(
          spec.commandLine(),
          "invalid --previous-counter "
              + previousCounter
              + ": expected 0 to "
              + AssertionCounterStore.MAX_COUNTER);
    }
    ECPublicKey key = readPublicKey();
    byte[] clientDataHash = clientData.clientDataHash(spec);
    byte[] assertionBytes = AppleAttestationCommand.readCborFile(spec, "--assertion", assertion);

    // The in-memory store holds only this key, seeded with the counter the caller stored.
    InMemoryCounterStore store = new InMemoryCounterStore();
    store.register(AppAttestVerifier.keyIdOf(key), previousCounter);
    AppAssertionVerifier verifier =
        AppAssertionVerifier.builder().appId(parsedAppId).counterStore(store).build();

    ObjectNode result = new ObjectMapper().createObjectNode();
    int exitCode;
    String message;
    try {
      AppAssertion verified = verifyWith(verifier, assertionBytes, clientDataHash, key);
      result.put("verdict", "TRUSTED");
      result.putNull("reason");
      result.put("counter", verified.counter());
      message = "TRUSTED: assertion counter " + verified.counter();
      exitCode = 0;
    } catch (AppAttestException e) {
      result.put("verdict", "REJECTED");
      result.put("reason", e.reason().name());
      result.putNull("counter");
      message = "REJECTED: " + e.reason().name() + ": " + e.getMessage();
      exitCode = 1;
    }

    PrintWriter out = spec.commandLine().getOut();
    out.println(json ? result.toString() : message);
    out.flush();
    if (json && exitCode != 0) {
      spec.commandLine().getErr().println("keychain attestation apple-assertion: " + message);
    }
    return exitCode;
  }

  private static AppAssertion verifyWith(
      AppAssertionVerifier verifier, byte[] assertionBytes, byte[] clientDataHash, ECPublicKey key)
      throws AppAttestException {
    try {
      return verifier.verifyAssertion(assertionBytes, clientDataHash, key);
    } catch (CounterStoreException e) {
      throw new IllegalStateException("the in-memory counter store failed", e);
    }
  }

  private ECPublicKey readPublicKey() {
    String pem = publicKey;
    if (!pem.contains("-----BEGIN")) {
      try {
        pem = Files.readString(Path.of(publicKey), StandardCharsets.US_ASCII);
      } catch (IOException | RuntimeException e) {
        throw new ParameterException(
            spec.commandLine(), "could not read --public-key " + publicKey + ": " + e);
      }
    }
    Matcher matcher = PEM_PUBLIC_KEY.matcher(pem);
    if (!matcher.find()) {
      throw new ParameterException(
          spec.commandLine(),
          "invalid --public-key: expected a PEM block -----BEGIN PUBLIC KEY-----");
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(matcher.group(1).strip());
      PublicKey decoded = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
      ECPublicKey key = (ECPublicKey) decoded;
      AppAttestVerifier.keyIdOf(key);
      return key;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(),
          "invalid --public-key: not a P-256 public key (" + e.getMessage() + ")");
    }
  }
}
