package dev.keychain4j.cli;

import dev.keychain4j.Keychain;
import java.security.PublicKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "export-public",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = "Writes a key's public key as PEM (SubjectPublicKeyInfo, 'PUBLIC KEY') to standard output.",
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class ExportPublicCommand implements Callable<Integer> {
  @Mixin KeychainOptions keychain = new KeychainOptions();

  @Option(names = "--tag", required = true, paramLabel = "TAG", description = "Tag of the key.")
  String tag = "";

  @Override
  public Integer call() throws Exception {
    try (Keychain opened = keychain.open()) {
      PublicKey publicKey = opened.publicKey(tag);
      keychain.environment().out().print(Pem.encode(CryptoFiles.PUBLIC_KEY, publicKey.getEncoded()));
    }
    return ExitCodes.SUCCESS;
  }
}
