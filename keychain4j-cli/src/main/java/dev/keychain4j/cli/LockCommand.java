package dev.keychain4j.cli;

import dev.keychain4j.Keychain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "lock",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = {
      "Locks the keychain held by the running agent.",
      "Items accessible when-unlocked are refused until 'keychain unlock'; after-first-unlock"
          + " items stay usable until the agent stops."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class LockCommand implements Callable<Integer> {
  @Mixin KeychainOptions keychain = new KeychainOptions();

  @Override
  public Integer call() throws Exception {
    try (Keychain agent = keychain.connectToAgent()) {
      agent.lock();
      keychain.environment().out().printf("Locked the keychain in %s.%n", keychain.directory());
    }
    return ExitCodes.SUCCESS;
  }
}
