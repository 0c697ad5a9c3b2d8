package dev.keychain4j.cli;

import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "secret",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = "Stores, reads and deletes generic secrets such as passwords and tokens.",
    subcommands = {SecretPutCommand.class, SecretGetCommand.class, SecretDeleteCommand.class},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class SecretCommand implements Callable<Integer> {
  @Spec @Nullable CommandSpec spec;

  @Override
  public Integer call() {
    CommandSpec commandSpec = Commands.require(spec);
    commandSpec.commandLine().usage(Commands.environment(commandSpec).err());
    return ExitCodes.USAGE;
  }
}
