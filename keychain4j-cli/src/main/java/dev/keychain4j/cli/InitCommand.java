package dev.keychain4j.cli;

import dev.keychain4j.Keychain;
import dev.keychain4j.KeychainStatus;
import dev.keychain4j.KeychainException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = {
      "Creates a keychain.",
      "The secure element makes a new random device key, protected by the passphrase, and an"
          + " attestation root and attestation key for the attest command. A passphrase typed on"
          + " the terminal is asked for twice.",
      "With --pkcs11-library and --token-label, the keys live on that PKCS#11 token instead, and"
          + " the keychain opens with the token's user PIN (--pin-file, $" + Passphrases.PIN_VARIABLE
          + ", or a prompt)."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class InitCommand implements Callable<Integer> {
  @Mixin KeychainOptions keychain = new KeychainOptions();

  @ArgGroup(exclusive = false, heading = "PKCS#11 token:%n")
  @Nullable TokenOptions token;

  /** The PKCS#11 module and token of a new keychain; picocli requires both options together. */
  static final class TokenOptions {
    @Option(
        names = "--pkcs11-library",
        required = true,
        paramLabel = "PATH",
        description = "Path of the PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so.")
    @Nullable Path library;

    @Option(
        names = "--token-label",
        required = true,
        paramLabel = "LABEL",
        description = "Label of the token (not the slot number, which can change).")
    @Nullable String label;

    @Option(
        names = "--pin-file",
        paramLabel = "FILE",
        description =
            "Read the token's user PIN from FILE (one trailing line break is ignored). Without it: $"
                + Passphrases.PIN_VARIABLE + ", else a no-echo prompt.")
    @Nullable Path pinFile;
  }

  @Override
  public Integer call() throws Exception {
    try (Keychain created = create()) {
      KeychainStatus status = created.status();
      keychain
          .environment()
          .out()
          .printf(
              "Created keychain %s (secure element %s, security level %s)%n",
              status.directory(), status.elementName(), status.securityLevel());
    }
    return ExitCodes.SUCCESS;
  }

  private Keychain create() throws InvalidInputException, KeychainException {
    if (token == null) {
      return keychain.create();
    }
    return keychain.createOnToken(
        Objects.requireNonNull(token.library).toString(), Objects.requireNonNull(token.label), token.pinFile);
  }
}
