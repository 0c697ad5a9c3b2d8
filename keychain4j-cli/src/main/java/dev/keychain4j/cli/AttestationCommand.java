package dev.keychain4j.cli;

import picocli.CommandLine.Command;

@Command(
    name = "attestation",
    mixinStandardHelpOptions = true,
    description = "Verify attestations sent by Android and iOS devices.",
    subcommands = {
      AndroidAttestationCommand.class,
      AppleAttestationCommand.class,
      AppleAssertionCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the attestation is trusted",
      "1:the attestation is rejected",
      "2:bad usage or unreadable input"
    })
final class AttestationCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }
}
