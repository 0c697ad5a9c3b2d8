package dev.keychain4j.cli;

import dev.keychain4j.KeychainException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns exceptions into the documented exit codes and one-line messages on standard error.
 * Expected failures print no stack trace: only a failure that no command anticipates, which is a
 * bug, prints one.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

  @Override
  public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    String command = commandLine.getCommandSpec().qualifiedName();
    String message = Objects.requireNonNullElse(exception.getMessage(), exception.getClass().getSimpleName());

    if (exception instanceof KeychainException || exception instanceof CommandFailedException) {
      err.println(command + ": " + message);
      return ExitCodes.FAILED;
    }
    if (exception instanceof InvalidInputException || exception instanceof IllegalArgumentException) {
      err.println(command + ": " + message);
      return ExitCodes.USAGE;
    }
    if (exception instanceof IOException
        || exception instanceof UncheckedIOException
        || exception instanceof GeneralSecurityException) {
      err.println(command + ": " + message);
      return ExitCodes.FAILED;
    }

    err.println(command + ": unexpected error, please report it with the trace below: " + exception);
    exception.printStackTrace(err);
    err.flush();
    return ExitCodes.FAILED;
  }

  @Override
  public int handleParseException(ParameterException exception, String[] args) {
    CommandLine commandLine = exception.getCommandLine();
    PrintWriter err = commandLine.getErr();
    String command = commandLine.getCommandSpec().qualifiedName();

    err.println(command + ": " + exception.getMessage());
    UnmatchedArgumentException.printSuggestions(exception, err);
    err.println("Run '" + command + " --help' for usage.");
    err.flush();
    return ExitCodes.USAGE;
  }
}
