package dev.keychain4j.cli;

import dev.keychain4j.KeychainAgent;
import dev.keychain4j.TerminalPresenceAuthenticator;
import java.io.BufferedReader;
import java.io.Console;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = {
      "Runs the secure element in this process, in the foreground until stopped (Ctrl-C or"
          + " SIGTERM), and serves other keychain commands over the socket agent.sock in the"
          + " keychain directory.",
      "The agent starts locked: run 'keychain unlock'. Each request and refusal is logged to"
          + " standard error with the operation, tag and reason."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class AgentCommand implements Callable<Integer> {
  @Mixin KeychainOptions keychain = new KeychainOptions();

  @Option(
      names = "--idle-lock",
      paramLabel = "SECONDS",
      description = "Lock the keychain after this many seconds without a request. Default: never.")
  @Nullable Integer idleLockSeconds;

  @Override
  public Integer call() throws Exception {
    if (idleLockSeconds != null && idleLockSeconds < 1) {
      throw new InvalidInputException(
          "Invalid --idle-lock " + idleLockSeconds + ": give at least 1 second, or leave it out");
    }
    Duration idleLock = idleLockSeconds == null ? null : Duration.ofSeconds(idleLockSeconds);
    KeychainAgent agent = KeychainAgent.start(keychain.directory(), idleLock);
    Console console = System.console();
    if (console != null) {
      agent.registerAuthenticator(
          new TerminalPresenceAuthenticator(new BufferedReader(console.reader()), console.writer()));
    }

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      agent.close();
      stopped.countDown();
    }, "keychain-agent-stop"));
    PrintWriter out = keychain.environment().out();
    out.printf("Agent serving %s on %s, locked. Stop it with Ctrl-C.%n", keychain.directory(), agent.socket());
    out.flush();
    stopped.await();
    return ExitCodes.SUCCESS;
  }
}
