package dev.keychain4j.cli;

import dev.keychain4j.KeyInfo;
import dev.keychain4j.Keychain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = {
      "Prints a key's algorithm, security level and authorizations.",
      "Each authorization is listed with the component that enforces it: the secure element itself,"
          + " or only the keychain library."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class ShowCommand implements Callable<Integer> {
  @Mixin KeychainOptions keychain = new KeychainOptions();

  @Option(names = "--tag", required = true, paramLabel = "TAG", description = "Tag of the key.")
  String tag = "";

  @Override
  public Integer call() throws Exception {
    try (Keychain opened = keychain.open()) {
      KeyInfo info = opened.keyInfo(tag);
      KeyDescription.print(info, keychain.environment().out());
    }
    return ExitCodes.SUCCESS;
  }
}
