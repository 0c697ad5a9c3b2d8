package dev.keychain4j.cli;

import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Prints the class path this CLI runs with: the keychain library, the {@code Keychain4j} JCA
 * provider and their dependencies, for {@code keytool -providerpath} and for scripts.
 */
@Command(
    name = "classpath",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = {
      "Prints the class path of the keychain library, the Keychain4j JCA provider and their"
          + " dependencies, as absolute paths joined by the platform's path separator.",
      "Example: keytool -J--add-modules=java.sql -list -storetype Keychain4j -keystore"
          + " keychain.properties -providerclass dev.keychain4j.jca.Keychain4jProvider"
          + " -providerpath \"$(keychain classpath)\""
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class ClasspathCommand implements Callable<Integer> {
  @Spec @Nullable CommandSpec spec;

  @Override
  public Integer call() {
    CliEnvironment environment = Commands.environment(Commands.require(spec));
    String classPath = System.getProperty("java.class.path", "");
    List<String> entries = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        entries.add(absolute(entry));
      }
    }
    if (entries.isEmpty()) {
      environment.err().println(
          "keychain: the class path is empty: run the CLI with the keychain launcher or java -cp");
      return ExitCodes.FAILED;
    }
    environment.out().println(String.join(File.pathSeparator, entries));
    return ExitCodes.SUCCESS;
  }

  // The java launcher has already expanded "lib/*" wildcards into single jars.
  private static String absolute(String entry) {
    try {
      return Path.of(entry).toAbsolutePath().normalize().toString();
    } catch (InvalidPathException e) {
      return entry;
    }
  }
}
