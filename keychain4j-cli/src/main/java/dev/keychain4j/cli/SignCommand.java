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
    name = "sign",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = {
      "Signs a file inside the secure element.",
      "ECDSA signatures are DER-encoded and Ed25519 signatures are the raw 64 bytes. RSA-PSS uses"
          + " MGF1 with the same digest and a salt as long as the digest."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class SignCommand implements Callable<Integer> {
  @Mixin KeychainOptions keychain = new KeychainOptions();

  @Option(names = "--tag", required = true, paramLabel = "TAG", description = "Tag of the signing key.")
  String tag = "";

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "The message to sign.")
  @Nullable Path in;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the signature.")
  @Nullable Path out;

  @Option(
      names = "--digest",
      paramLabel = "DIGEST",
      description =
          "sha256, sha384 or sha512, not for Ed25519. For an EC key that allows it, none signs the"
              + " input file as an already computed hash of at most 64 bytes. Default: sha256 if the"
              + " key allows it, else the key's first allowed hash digest.")
  @Nullable Digest digest;

  @Option(
      names = "--padding",
      paramLabel = "PADDING",
      description = "RSA only: pkcs1 (PKCS#1 v1.5) or pss. Default: pkcs1 if the key allows it, else pss.")
  @Nullable Padding padding;

  @Override
  public Integer call() throws Exception {
    Path input = Commands.requireOption(in, "--in");
    Path output = Commands.requireOption(out, "--out");
    byte[] message = InputFiles.read(input, "input file");

    try (Keychain opened = keychain.open();
        OutputFiles.PreparedOutput prepared = OutputFiles.prepare(output, false)) {
      SignatureSpec spec = Algorithms.signatureSpec(opened.keyInfo(tag), digest, padding);
      byte[] signature = opened.sign(tag, spec, message);
      prepared.commit(signature);
      keychain
          .environment()
          .out()
          .printf("Signed %s with key %s (%s): %d-byte signature in %s%n", input, tag, spec, signature.length, output);
    }
    return ExitCodes.SUCCESS;
  }
}
