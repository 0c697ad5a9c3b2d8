package dev.keychain4j.cli;

import dev.keychain4j.Digest;
import dev.keychain4j.KeyInfo;
import dev.keychain4j.Keychain;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "decrypt",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = {
      "Decrypts an RSA-OAEP ciphertext inside the secure element.",
      "OAEP uses the digest for both the label hash and MGF1, as openssl pkeyutl -pkeyopt"
          + " rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha256 does. The plaintext file is written with"
          + " mode 0600."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class DecryptCommand implements Callable<Integer> {
  @Mixin KeychainOptions keychain = new KeychainOptions();

  @Option(names = "--tag", required = true, paramLabel = "TAG", description = "Tag of the RSA decryption key.")
  String tag = "";

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "The ciphertext.")
  @Nullable Path in;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the plaintext.")
  @Nullable Path out;

  @Option(
      names = "--digest",
      paramLabel = "DIGEST",
      description = "OAEP digest: sha256, sha384 or sha512. Default: sha256 if the key allows it, else the key's first allowed digest.")
  @Nullable Digest digest;

  @Override
  public Integer call() throws Exception {
    Path input = Commands.requireOption(in, "--in");
    Path output = Commands.requireOption(out, "--out");
    byte[] ciphertext = InputFiles.read(input, "input file");

    try (Keychain opened = keychain.open();
        OutputFiles.PreparedOutput prepared = OutputFiles.prepare(output, true)) {
      KeyInfo info = opened.keyInfo(tag);
      Digest oaepDigest = Algorithms.digest(info, digest);
      byte[] plaintext = opened.decrypt(tag, oaepDigest, ciphertext);
      try {
        prepared.commit(plaintext);
      } finally {
        Arrays.fill(plaintext, (byte) 0);
      }
      keychain
          .environment()
          .out()
          .printf("Decrypted %s with key %s (RSA-OAEP, %s) into %s%n", input, tag, oaepDigest.cliName(), output);
    }
    return ExitCodes.SUCCESS;
  }
}
