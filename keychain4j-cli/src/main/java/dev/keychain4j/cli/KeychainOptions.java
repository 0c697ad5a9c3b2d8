package dev.keychain4j.cli;

import dev.keychain4j.Keychain;
import dev.keychain4j.KeychainException;
import dev.keychain4j.pkcs11.Pkcs11Element;
import dev.keychain4j.pkcs11.Pkcs11ElementProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.keychain4j.TerminalPresenceAuthenticator;
import dev.keychain4j.UserNotAuthenticatedException;
import java.io.BufferedReader;
import java.io.Console;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --keychain} and {@code --passphrase-file} options that every keychain subcommand takes. */
final class KeychainOptions {
  @Spec(Spec.Target.MIXEE)
  @Nullable CommandSpec mixee;

  @Option(
      names = "--keychain",
      paramLabel = "DIR",
      description = "Keychain directory. Default: $KEYCHAIN4J_HOME, else ~/.keychain4j.")
  @Nullable Path directory;

  @Option(
      names = "--passphrase-file",
      paramLabel = "FILE",
      description =
          "Read the passphrase from FILE (one trailing line break is ignored)."
              + " Without it: $" + Passphrases.VARIABLE + ", else $" + Passphrases.PIN_VARIABLE
              + " (keychains on a PKCS#11 token open with the token's user PIN), else a prompt on"
              + " the terminal.")
  @Nullable Path passphraseFile;

  /** Returns the keychain directory. */
  Path directory() {
    return directory != null ? directory : Keychain.defaultDirectory();
  }

  /** Returns the environment of the running command line. */
  CliEnvironment environment() {
    return Commands.environment(Commands.require(mixee));
  }

  /**
   * Reads the passphrase of a backup file: from {@code backupPassphraseFile} when given, else from
   * the keychain passphrase's sources.
   */
  char[] backupPassphrase(@Nullable Path backupPassphraseFile) throws InvalidInputException {
    Path file = backupPassphraseFile != null ? backupPassphraseFile : passphraseFile;
    return Passphrases.read(environment(), file, directory(), false);
  }

  /**
   * Opens the keychain: through its running agent without a passphrase, else in process with the
   * passphrase from the first source that gives one.
   */
  Keychain open() throws InvalidInputException, KeychainException {
    Path keychainDirectory = directory();
    Optional<Keychain> agent = Keychain.connectToAgent(keychainDirectory);
    if (agent.isPresent()) {
      return agent.get();
    }
    char[] passphrase = Passphrases.read(environment(), passphraseFile, keychainDirectory, false);
    try {
      Keychain opened = Keychain.open(keychainDirectory, passphrase);
      if (!opened.usesAgent()) {
        addTerminalAuthentication(opened);
      }
      return opened;
    } finally {
      Arrays.fill(passphrase, '\0');
    }
  }

  /**
   * Lets keys that need presence or a passcode prompt on the terminal, when there is one. With
   * an agent, the agent prompts on its own terminal instead.
   */
  private void addTerminalAuthentication(Keychain opened) throws KeychainException {
    Console console = System.console();
    if (console != null) {
      opened.registerAuthenticator(
          new TerminalPresenceAuthenticator(new BufferedReader(console.reader()), console.writer()));
    }
    PasswordPrompt prompt = environment().prompt();
    opened.setPasscodePrompt(reason -> prompt.readPassword("Passcode for " + reason + ": ")
        .orElseThrow(() -> new UserNotAuthenticatedException(
            "No terminal to read the passcode for " + reason + " from: run the command on a terminal")));
  }

  /** Connects to the running agent of the keychain, or fails naming the command to start it. */
  Keychain connectToAgent() throws KeychainException, CommandFailedException {
    return Keychain.connectToAgent(directory())
        .orElseThrow(() -> new CommandFailedException(
            "No agent runs for the keychain in " + directory() + ": start one with 'keychain agent'"));
  }

  /**
   * Creates a new keychain on a PKCS#11 token, unlocked by the token's user PIN.
   *
   * @throws InvalidInputException if {@code --passphrase-file} was given, which does not apply
   */
  Keychain createOnToken(String library, String tokenLabel, @Nullable Path pinFile)
      throws InvalidInputException, KeychainException {
    if (passphraseFile != null) {
      throw new InvalidInputException(
          "--passphrase-file does not apply to a keychain on a PKCS#11 token: give the user PIN"
              + " with --pin-file");
    }
    Path keychainDirectory = directory();
    char[] pin = Passphrases.readPin(environment(), pinFile, tokenLabel);
    try {
      return Keychain.create(
          keychainDirectory,
          Pkcs11Element.NAME,
          Map.of(Pkcs11ElementProvider.LIBRARY, library, Pkcs11ElementProvider.TOKEN_LABEL, tokenLabel),
          pin);
    } finally {
      Arrays.fill(pin, '\0');
    }
  }

  /** Creates a new keychain; a passphrase typed on the terminal must be entered twice. */
  Keychain create() throws InvalidInputException, KeychainException {
    Path keychainDirectory = directory();
    if (Files.exists(keychainDirectory) && !Files.isDirectory(keychainDirectory)) {
      throw new InvalidInputException(
          "the keychain path " + keychainDirectory + " is a file, not a directory: choose a"
              + " directory (new or empty) with --keychain or $KEYCHAIN4J_HOME");
    }
    char[] passphrase = Passphrases.read(environment(), passphraseFile, keychainDirectory, true);
    try {
      return Keychain.create(keychainDirectory, passphrase);
    } finally {
      Arrays.fill(passphrase, '\0');
    }
  }
}
