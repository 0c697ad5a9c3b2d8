package dev.keychain4j.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds the keychain passphrase: {@code --passphrase-file} first, then the {@code
 * KEYCHAIN4J_PASSPHRASE} variable, then a no-echo prompt on the terminal.
 */
final class Passphrases {
  static final String VARIABLE = "KEYCHAIN4J_PASSPHRASE";

  /** The user PIN of the token of a PKCS#11 keychain, used when no passphrase source is given. */
  static final String PIN_VARIABLE = "KEYCHAIN4J_PKCS11_PIN";

  static final String SOURCES =
      "pass --passphrase-file FILE, set " + VARIABLE + ", or run keychain in a terminal to be prompted";

  private Passphrases() {}

  /**
   * Returns the passphrase for the keychain in {@code directory}. The caller wipes the array.
   *
   * @param confirm whether the terminal prompt repeats and requires both entries to match, as
   *     {@code init} does
   */
  static char[] read(CliEnvironment environment, @Nullable Path file, Path directory, boolean confirm)
      throws InvalidInputException {
    if (file != null) {
      return fromFile(file, "passphrase file");
    }

    Optional<String> variable = environment.variable(VARIABLE);
    if (variable.isPresent()) {
      if (variable.get().isEmpty()) {
        throw new InvalidInputException(VARIABLE + " is set but empty: set it to the passphrase or unset it");
      }
      return variable.get().toCharArray();
    }
    if (!confirm) {
      // A keychain on a PKCS#11 token opens with the token's user PIN.
      Optional<String> pin = environment.variable(PIN_VARIABLE);
      if (pin.isPresent() && !pin.get().isEmpty()) {
        return pin.get().toCharArray();
      }
    }

    PasswordPrompt prompt = environment.prompt();
    if (!prompt.isAvailable()) {
      throw new InvalidInputException("no passphrase given and no terminal to prompt on: " + SOURCES);
    }
    if (!confirm) {
      return prompt(prompt, "Passphrase for keychain " + directory + ": ");
    }

    char[] first = prompt(prompt, "New passphrase for keychain " + directory + ": ");
    char[] second = prompt(prompt, "Repeat the new passphrase: ");
    try {
      if (!Arrays.equals(first, second)) {
        Arrays.fill(first, '\0');
        throw new InvalidInputException("the two passphrases differ: run the command again");
      }
      return first;
    } finally {
      Arrays.fill(second, '\0');
    }
  }

  private static char[] prompt(PasswordPrompt prompt, String text) throws InvalidInputException {
    char[] passphrase =
        prompt
            .readPassword(text)
            .orElseThrow(() -> new InvalidInputException("no passphrase entered: " + SOURCES));
    if (passphrase.length == 0) {
      throw new InvalidInputException("the passphrase is empty: enter a non-empty passphrase");
    }
    return passphrase;
  }

  /**
   * Returns the user PIN for a new keychain on the token labelled {@code tokenLabel}: {@code
   * --pin-file} first, then {@code KEYCHAIN4J_PKCS11_PIN}, then a no-echo prompt. The prompt
   * appears once, because the token already has its PIN.
   */
  static char[] readPin(CliEnvironment environment, @Nullable Path file, String tokenLabel)
      throws InvalidInputException {
    if (file != null) {
      return fromFile(file, "PIN file");
    }
    Optional<String> variable = environment.variable(PIN_VARIABLE);
    if (variable.isPresent()) {
      if (variable.get().isEmpty()) {
        throw new InvalidInputException(PIN_VARIABLE + " is set but empty: set it to the token's user PIN or unset it");
      }
      return variable.get().toCharArray();
    }
    PasswordPrompt prompt = environment.prompt();
    if (!prompt.isAvailable()) {
      throw new InvalidInputException(
          "no PIN given and no terminal to prompt on: pass --pin-file FILE, set " + PIN_VARIABLE
              + ", or run keychain in a terminal to be prompted");
    }
    char[] pin =
        prompt
            .readPassword("User PIN for token '" + tokenLabel + "': ")
            .orElseThrow(() -> new InvalidInputException("no PIN entered: enter the token's user PIN"));
    if (pin.length == 0) {
      throw new InvalidInputException("the PIN is empty: enter the token's user PIN");
    }
    return pin;
  }

  /** Reads the whole file as UTF-8, without one trailing line break, so that {@code echo pw > f} works. */
  private static char[] fromFile(Path file, String what) throws InvalidInputException {
    byte[] bytes = InputFiles.read(file, what);
    try {
      int length = bytes.length;
      if (length > 0 && bytes[length - 1] == '\n') {
        length--;
        if (length > 0 && bytes[length - 1] == '\r') {
          length--;
        }
      }
      if (length == 0) {
        throw new InvalidInputException(what + " " + file + " is empty: write the secret into it");
      }
      CharBuffer chars =
          UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, 0, length));
      char[] passphrase = new char[chars.remaining()];
      chars.get(passphrase);
      Arrays.fill(chars.array(), '\0');
      return passphrase;
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(what + " " + file + " is not valid UTF-8 text: save it as UTF-8", e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
