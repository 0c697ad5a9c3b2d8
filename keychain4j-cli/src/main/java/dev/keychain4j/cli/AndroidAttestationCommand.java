package dev.keychain4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// Placeholder until the verifier is wired in.
@Command(name = "android", mixinStandardHelpOptions = true, description = "Not implemented yet.")
final class AndroidAttestationCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("keychain attestation android: not implemented yet");
    return 2;
  }
}
