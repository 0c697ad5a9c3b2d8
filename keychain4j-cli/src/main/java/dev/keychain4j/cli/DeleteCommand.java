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
    description = {
      "Deletes an item.",
      "Deleting a key deletes its certificate chain too, and the private key cannot be recovered."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class DeleteCommand implements Callable<Integer> {
  @Mixin KeychainOptions keychain = new KeychainOptions();

  @Option(names = "--tag", required = true, paramLabel = "TAG", description = "Tag of the item.")
  String tag = "";

  @Option(
      names = "--class",
      paramLabel = "CLASS",
      description = "Class of the item: key, certificate, identity or secret. Default: key.")
  ItemClass itemClass = ItemClass.KEY;

  @Override
  public Integer call() throws Exception {
    try (Keychain opened = keychain.open()) {
      opened.delete(itemClass, tag);
    }
    keychain.environment().out().printf("Deleted %s %s%n", CliNames.name(itemClass), tag);
    return ExitCodes.SUCCESS;
  }
}
