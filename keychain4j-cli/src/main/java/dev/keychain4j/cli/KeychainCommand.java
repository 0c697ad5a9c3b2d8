package dev.keychain4j.cli;

import picocli.CommandLine.Command;

@Command(
    name = "keychain",
    mixinStandardHelpOptions = true,
    version = "keychain4j 0.1.0-SNAPSHOT",
    description = "Keys generated and used inside a secure element, and attestation verifiers.",
    subcommands = {AttestationCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success (for verifiers: the attestation is trusted)",
      "1:operation refused or failed (for verifiers: the attestation is rejected)",
      "2:bad usage or unreadable input"
    })
final class KeychainCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }
}
