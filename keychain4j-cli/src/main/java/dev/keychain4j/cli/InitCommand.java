package dev.keychain4j.cli;

import dev.keychain4j.Keychain;
import dev.keychain4j.KeychainStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = {
      "Creates a keychain.",
      "The secure element makes a new random device key, protected by the passphrase. A passphrase"
          + " typed on the terminal is asked for twice."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class InitCommand implements Callable<Integer> {
  @Mixin KeychainOptions keychain = new KeychainOptions();

  @Override
  public Integer call() throws Exception {
    try (Keychain created = keychain.create()) {
      KeychainStatus status = created.status();
      keychain
          .environment()
          .out()
          .printf(
              "Created keychain %s (secure element %s, security level %s)%n",
              status.directory(), status.elementName(), status.securityLevel());
    }
    return ExitCodes.SUCCESS;
  }
}
