package dev.keychain4j.cli;

import dev.keychain4j.Keychain;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "attest",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = {
      "Writes an Android key attestation chain for a key as PEM to standard output, leaf first.",
      "The leaf carries the key's public key and a KeyDescription extension with the challenge, the"
          + " key's authorizations and the security level; the chain ends at the keychain's"
          + " attestation root (see export-attestation-root)."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class AttestCommand implements Callable<Integer> {
  @Mixin KeychainOptions keychain = new KeychainOptions();

  @Option(names = "--tag", required = true, paramLabel = "TAG", description = "Tag of the key to attest.")
  String tag = "";

  @Option(
      names = "--challenge-hex",
      required = true,
      paramLabel = "HEX",
      description = "The verifier's challenge in hexadecimal, at most 128 bytes; empty for none.")
  String challengeHex = "";

  @Option(
      names = "--attest-key",
      paramLabel = "TAG",
      description =
          "Tag of a key with the attest-key purpose that signs the leaf in place of the keychain's"
              + " attestation key; the chain then includes that key's own attestation.")
  @Nullable String attestKey;

  @Override
  public Integer call() throws Exception {
    byte[] challenge;
    try {
      challenge = HexFormat.of().parseHex(challengeHex);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "Invalid --challenge-hex value: give an even number of hexadecimal digits, such as"
              + " 00ff10");
    }

    try (Keychain opened = keychain.open()) {
      List<X509Certificate> chain =
          attestKey == null
              ? opened.attest(tag, challenge)
              : opened.attest(tag, challenge, attestKey);
      StringBuilder pem = new StringBuilder();
      for (X509Certificate certificate : chain) {
        pem.append(Pem.encode(CryptoFiles.CERTIFICATE, certificate.getEncoded()));
      }
      keychain.environment().out().print(pem);
    }
    return ExitCodes.SUCCESS;
  }
}
