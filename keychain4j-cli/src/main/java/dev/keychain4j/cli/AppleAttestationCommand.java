package dev.keychain4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// Placeholder until the verifier is wired in.
@Command(name = "apple", mixinStandardHelpOptions = true, description = "Not implemented yet.")
final class AppleAttestationCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("keychain attestation apple: not implemented yet");
    return 2;
  }
}
