package dev.keychain4j.cli;

import dev.keychain4j.ItemClass;
import dev.keychain4j.Keychain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = "Deletes a secret.",
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class SecretDeleteCommand implements Callable<Integer> {
  @Mixin KeychainOptions keychain = new KeychainOptions();

  @Option(names = "--tag", required = true, paramLabel = "TAG", description = "Tag of the secret.")
  String tag = "";

  @Override
  public Integer call() throws Exception {
    try (Keychain opened = keychain.open()) {
      opened.delete(ItemClass.SECRET, tag);
    }
    keychain.environment().out().printf("Deleted secret %s%n", tag);
    return ExitCodes.SUCCESS;
  }
}
