package dev.keychain4j.bench;

import dev.keychain4j.KeychainAgent;
import java.nio.file.Path;

/** Runs a keychain agent for {@link AgentSignBenchmark} until its standard input closes. */
public final class AgentMain {
  private AgentMain() {}

  public static void main(String[] args) throws Exception {
    KeychainAgent agent = KeychainAgent.start(Path.of(args[0]), null);
    try {
      while (System.in.read() >= 0) {
        // Wait for the benchmark to close the pipe.
      }
    } finally {
      agent.close();
    }
  }
}
