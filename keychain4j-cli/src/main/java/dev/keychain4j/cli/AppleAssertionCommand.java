package dev.keychain4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// Placeholder until the verifier is wired in.
@Command(name = "apple-assertion", mixinStandardHelpOptions = true, description = "Not implemented yet.")
final class AppleAssertionCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("keychain attestation apple-assertion: not implemented yet");
    return 2;
  }
}
