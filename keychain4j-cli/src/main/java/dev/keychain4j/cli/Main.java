package dev.keychain4j.cli;

import picocli.CommandLine;

/** Entry point of the {@code keychain} command. */
public final class Main {
  private static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

  private Main() {}

  public static void main(String[] args) {
    // Keep a command's output to its result: the library's INFO lines would mix with it on stderr.
    // An explicit -Dorg.slf4j.simpleLogger.defaultLogLevel still wins.
    // The agent logs each request at INFO, which is its output.
    if (System.getProperty(LOG_LEVEL_PROPERTY) == null) {
      boolean agent = args.length > 0 && args[0].equals("agent");
      System.setProperty(LOG_LEVEL_PROPERTY, agent ? "info" : "warn");
    }
    System.exit(run(args));
  }

  /** Runs one command line and returns its exit code, without calling {@code System.exit}. */
  public static int run(String... args) {
    return run(CliEnvironment.system(), args);
  }

  /** Runs one command line against the given streams, variables and prompt. */
  static int run(CliEnvironment environment, String... args) {
    try {
      int exitCode = newCommandLine(environment).execute(args);
      // PrintWriter swallows write errors, so output lost to a full disk or a closed pipe must be
      // detected here; checkError flushes first.
      if (environment.out().checkError()) {
        environment.err().println("keychain: cannot write to standard output: the output is incomplete");
        return exitCode == ExitCodes.SUCCESS ? ExitCodes.FAILED : exitCode;
      }
      return exitCode;
    } finally {
      environment.out().flush();
      environment.err().flush();
    }
  }

  static CommandLine newCommandLine(CliEnvironment environment) {
    CommandLine commandLine = new CommandLine(new KeychainCommand(environment));
    CliNames.registerConverters(commandLine);
    ErrorHandler errorHandler = new ErrorHandler();
    commandLine.setExecutionExceptionHandler(errorHandler);
    commandLine.setParameterExceptionHandler(errorHandler);
    commandLine.setOut(environment.out());
    commandLine.setErr(environment.err());
    return commandLine;
  }
}
