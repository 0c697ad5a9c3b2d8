package dev.keychain4j.cli;

import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "keychain",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = "Keys generated and used inside a secure element, and attestation verifiers.",
    subcommands = {
      InitCommand.class,
      StatusCommand.class,
      AgentCommand.class,
      UnlockCommand.class,
      LockCommand.class,
      PasscodeCommand.class,
      BackupCommand.class,
      RestoreCommand.class,
      GenerateCommand.class,
      AdoptCommand.class,
      ListCommand.class,
      ShowCommand.class,
      SignCommand.class,
      VerifyCommand.class,
      DecryptCommand.class,
      AgreeCommand.class,
      CsrCommand.class,
      ImportCertCommand.class,
      ExportPublicCommand.class,
      ExportCertCommand.class,
      AttestCommand.class,
      ExportAttestationRootCommand.class,
      DeleteCommand.class,
      SecretCommand.class,
      DemoCommand.class,
      ClasspathCommand.class,
      AttestationCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success (for verifiers: the attestation is trusted)",
      "1:operation refused or failed (for verifiers: the attestation is rejected)",
      "2:bad usage or unreadable input"
    })
final class KeychainCommand implements Callable<Integer> {
  static final String VERSION = "keychain4j 0.1.0-SNAPSHOT";

  private final CliEnvironment environment;

  @Spec @Nullable CommandSpec spec;

  KeychainCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  CliEnvironment environment() {
    return environment;
  }

  /** Without a subcommand, prints the usage and fails: a script that forgot the subcommand should notice. */
  @Override
  public Integer call() {
    Commands.require(spec).commandLine().usage(environment.err());
    return ExitCodes.USAGE;
  }
}
