package dev.keychain4j.cli;

import dev.keychain4j.BackupSummary;
import dev.keychain4j.Keychain;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = {
      "Restores the items of a backup made by 'keychain backup' into this keychain.",
      "Secrets are sealed again by this keychain's secure element. Nothing is restored when an"
          + " item's tag is already taken."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class RestoreCommand implements Callable<Integer> {
  @Mixin KeychainOptions keychain = new KeychainOptions();

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "The backup file to read.")
  @Nullable Path in;

  @Option(
      names = "--backup-passphrase-file",
      paramLabel = "FILE",
      description = "The backup's passphrase is in FILE. Default: the keychain passphrase.")
  @Nullable Path backupPassphraseFile;

  @Override
  public Integer call() throws Exception {
    Path file = java.util.Objects.requireNonNull(in, "--in");
    try (Keychain opened = keychain.open()) {
      char[] passphrase = keychain.backupPassphrase(backupPassphraseFile);
      BackupSummary summary;
      try {
        summary = opened.restore(file, passphrase);
      } finally {
        Arrays.fill(passphrase, '\0');
      }
      keychain.environment().out().printf(
          "Restored %d secrets and %d certificates from %s.%n", summary.secrets(), summary.certificates(), file);
    }
    return ExitCodes.SUCCESS;
  }
}
