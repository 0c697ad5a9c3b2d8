package dev.keychain4j.cli;

import dev.keychain4j.Digest;
import dev.keychain4j.Keychain;
import dev.keychain4j.Padding;
import dev.keychain4j.SignatureSpec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = "Verifies a signature with the key's public key, outside the secure element.",
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      "0:the signature is valid",
      "1:the signature is not valid, or the operation was refused or failed",
      ExitCodes.USAGE_LINE
    })
final class VerifyCommand implements Callable<Integer> {
  @Mixin KeychainOptions keychain = new KeychainOptions();

  @Option(names = "--tag", required = true, paramLabel = "TAG", description = "Tag of the key.")
  String tag = "";

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "The signed message.")
  @Nullable Path in;

  @Option(names = "--signature", required = true, paramLabel = "FILE", description = "The signature, as sign writes it.")
  @Nullable Path signature;

  @Option(
      names = "--digest",
      paramLabel = "DIGEST",
      description = "sha256, sha384 or sha512, not for Ed25519. Default: as for sign.")
  @Nullable Digest digest;

  @Option(
      names = "--padding",
      paramLabel = "PADDING",
      description = "RSA only: pkcs1 or pss. Default: as for sign.")
  @Nullable Padding padding;

  @Override
  public Integer call() throws Exception {
    Path messageFile = Commands.requireOption(in, "--in");
    Path signatureFile = Commands.requireOption(signature, "--signature");
    byte[] message = InputFiles.read(messageFile, "input file");
    byte[] signatureBytes = InputFiles.read(signatureFile, "signature file");

    try (Keychain opened = keychain.open()) {
      SignatureSpec spec = Algorithms.signatureSpec(opened.keyInfo(tag), digest, padding);
      if (!opened.verify(tag, spec, message, signatureBytes)) {
        throw new CommandFailedException(
            "the signature in " + signatureFile + " is not valid for " + messageFile + " and key " + tag
                + " (" + spec + ")");
      }
      keychain.environment().out().printf("Signature valid: %s signed %s with key %s (%s)%n", signatureFile, messageFile, tag, spec);
    }
    return ExitCodes.SUCCESS;
  }
}
