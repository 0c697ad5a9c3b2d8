package dev.keychain4j.cli;

import dev.keychain4j.Keychain;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "unlock",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = "Unlocks the keychain held by the running agent, with the keychain passphrase.",
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class UnlockCommand implements Callable<Integer> {
  @Mixin KeychainOptions keychain = new KeychainOptions();

  @Override
  public Integer call() throws Exception {
    try (Keychain agent = keychain.connectToAgent()) {
      char[] passphrase =
          Passphrases.read(keychain.environment(), keychain.passphraseFile, keychain.directory(), false);
      try {
        agent.unlock(passphrase);
      } finally {
        Arrays.fill(passphrase, '\0');
      }
      keychain.environment().out().printf("Unlocked the keychain in %s.%n", keychain.directory());
    }
    return ExitCodes.SUCCESS;
  }
}
