package dev.keychain4j.cli;

import dev.keychain4j.Keychain;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = "Writes a secret to standard output, byte for byte, with no line break added.",
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class SecretGetCommand implements Callable<Integer> {
  @Mixin KeychainOptions keychain = new KeychainOptions();

  @Option(names = "--tag", required = true, paramLabel = "TAG", description = "Tag of the secret.")
  String tag = "";

  @Override
  public Integer call() throws Exception {
    byte[] secret;
    try (Keychain opened = keychain.open()) {
      secret = opened.secret(tag);
    }
    try {
      CliEnvironment environment = keychain.environment();
      environment.out().flush();
      OutputStream stdout = environment.stdout();
      stdout.write(secret);
      stdout.flush();
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
    return ExitCodes.SUCCESS;
  }
}
