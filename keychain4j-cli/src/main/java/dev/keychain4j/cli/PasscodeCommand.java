package dev.keychain4j.cli;

import dev.keychain4j.Keychain;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "passcode",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = {
      "Sets or removes the keychain passcode, which keys with device-passcode in --access ask for.",
      "ACTION is set or remove. Removing the passcode deletes every item accessible"
          + " when-passcode-set-this-device-only, after a confirmation."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class PasscodeCommand implements Callable<Integer> {
  @Mixin KeychainOptions keychain = new KeychainOptions();

  @Parameters(index = "0", paramLabel = "ACTION", description = "set or remove.")
  String action = "";

  @Option(names = "--passcode-file", paramLabel = "FILE", description = "Read the new passcode from FILE. Default: a prompt.")
  @Nullable Path passcodeFile;

  @Option(names = "--yes", description = "Remove without asking for confirmation.")
  boolean yes;

  @Override
  public Integer call() throws Exception {
    String requested = action.toLowerCase(Locale.ROOT);
    if (!requested.equals("set") && !requested.equals("remove")) {
      throw new InvalidInputException("Unknown action '" + action + "': use set or remove");
    }
    if (requested.equals("remove") && !yes) {
      confirmRemoval();
    }
    try (Keychain opened = keychain.open()) {
      if (requested.equals("set")) {
        char[] passcode = readPasscode();
        try {
          opened.setPasscode(passcode);
        } finally {
          Arrays.fill(passcode, '\0');
        }
        keychain.environment().out().printf("Set the passcode of the keychain in %s.%n", keychain.directory());
      } else {
        int deleted = opened.removePasscode();
        keychain.environment().out().printf(
            "Removed the passcode and deleted %d items accessible when-passcode-set-this-device-only.%n", deleted);
      }
    }
    return ExitCodes.SUCCESS;
  }

  private void confirmRemoval() throws InvalidInputException {
    PasswordPrompt prompt = keychain.environment().prompt();
    if (!prompt.isAvailable()) {
      throw new InvalidInputException(
          "Removing the passcode deletes every item accessible when-passcode-set-this-device-only:"
              + " confirm on a terminal, or pass --yes");
    }
    Optional<char[]> answer =
        prompt.readPassword(
            "Removing the passcode deletes every item accessible"
                + " when-passcode-set-this-device-only. Type yes to continue: ");
    if (answer.isEmpty() || !new String(answer.get()).strip().equalsIgnoreCase("yes")) {
      throw new InvalidInputException("Passcode not removed: the removal was not confirmed");
    }
  }

  private char[] readPasscode() throws InvalidInputException {
    if (passcodeFile != null) {
      return Passphrases.read(keychain.environment(), passcodeFile, keychain.directory(), false);
    }
    PasswordPrompt prompt = keychain.environment().prompt();
    return prompt
        .readPassword("New passcode: ")
        .orElseThrow(() -> new InvalidInputException(
            "No passcode given and no terminal to prompt on: pass --passcode-file"));
  }
}
