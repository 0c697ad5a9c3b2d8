package dev.keychain4j.cli;

import dev.keychain4j.Keychain;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "agree",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = {
      "Computes a shared secret with a peer's public key inside the secure element.",
      "ECDH on the NIST curves, or X25519. The output is the raw shared secret, as openssl pkeyutl"
          + " -derive writes it, so derive keys from it with a KDF. The file is written with mode 0600."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class AgreeCommand implements Callable<Integer> {
  @Mixin KeychainOptions keychain = new KeychainOptions();

  @Option(names = "--tag", required = true, paramLabel = "TAG", description = "Tag of the key-agreement key.")
  String tag = "";

  @Option(
      names = "--peer-public",
      required = true,
      paramLabel = "PEMFILE",
      description = "The peer's public key: PEM 'PUBLIC KEY' (SubjectPublicKeyInfo), or the same in DER.")
  @Nullable Path peerPublic;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the shared secret.")
  @Nullable Path out;

  @Override
  public Integer call() throws Exception {
    PublicKey peer = CryptoFiles.readPublicKey(Commands.requireOption(peerPublic, "--peer-public"));
    Path output = Commands.requireOption(out, "--out");

    try (Keychain opened = keychain.open();
        OutputFiles.PreparedOutput prepared = OutputFiles.prepare(output, true)) {
      byte[] secret = opened.agree(tag, peer);
      int length = secret.length;
      try {
        prepared.commit(secret);
      } finally {
        Arrays.fill(secret, (byte) 0);
      }
      keychain.environment().out().printf("Agreed a %d-byte shared secret with key %s into %s%n", length, tag, output);
    }
    return ExitCodes.SUCCESS;
  }
}
