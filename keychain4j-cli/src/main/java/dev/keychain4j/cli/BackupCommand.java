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
    name = "backup",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = {
      "Writes an encrypted backup of the migratable items: secrets and certificates whose"
          + " accessibility is not this-device-only.",
      "Keys are never included, because private keys never leave their secure element. The backup"
          + " is encrypted under the keychain passphrase unless --backup-passphrase-file names"
          + " another."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class BackupCommand implements Callable<Integer> {
  @Mixin KeychainOptions keychain = new KeychainOptions();

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The backup file to write (mode 0600).")
  @Nullable Path out;

  @Option(
      names = "--backup-passphrase-file",
      paramLabel = "FILE",
      description = "Encrypt the backup under the passphrase in FILE. Default: the keychain passphrase.")
  @Nullable Path backupPassphraseFile;

  @Override
  public Integer call() throws Exception {
    Path file = java.util.Objects.requireNonNull(out, "--out");
    try (Keychain opened = keychain.open()) {
      char[] passphrase = keychain.backupPassphrase(backupPassphraseFile);
      BackupSummary summary;
      try {
        summary = opened.backup(file, passphrase);
      } finally {
        Arrays.fill(passphrase, '\0');
      }
      keychain.environment().out().printf(
          "Wrote %d secrets and %d certificates to %s. Left out %d this-device-only items and %d"
              + " keys, whose private keys never leave the secure element.%n",
          summary.secrets(), summary.certificates(), file, summary.thisDeviceOnlySkipped(),
          summary.keysNotIncluded());
    }
    return ExitCodes.SUCCESS;
  }
}
