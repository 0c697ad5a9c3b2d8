package dev.keychain4j.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.keychain4j.Keychain;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "put",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = {
      "Stores a secret read from standard input.",
      "The secret is stored byte for byte and a trailing line break is kept, so use printf or echo -n."
          + " On a terminal the secret is asked for without echo instead. Secrets are limited to "
          + SecretPutCommand.MAX_SECRET_BYTES + " bytes."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class SecretPutCommand implements Callable<Integer> {
  /** The keychain's maximum secret size; reading stops there, so a wrong pipe cannot exhaust the heap. */
  static final int MAX_SECRET_BYTES = Keychain.MAX_SECRET_LENGTH;

  @Mixin KeychainOptions keychain = new KeychainOptions();

  @Option(names = "--tag", required = true, paramLabel = "TAG", description = "Tag of the secret, unique among secrets.")
  String tag = "";

  @Option(names = "--label", paramLabel = "LABEL", description = "A label, which need not be unique.")
  @Nullable String label;

  @Override
  public Integer call() throws Exception {
    byte[] secret = readSecret(keychain.environment());
    try (Keychain opened = keychain.open()) {
      opened.putSecret(tag, secret, label);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
    keychain.environment().out().printf("Stored secret %s%n", tag);
    return ExitCodes.SUCCESS;
  }

  private byte[] readSecret(CliEnvironment environment) throws InvalidInputException {
    byte[] secret = environment.prompt().isAvailable() ? prompt(environment) : readStandardInput(environment.stdin());
    if (secret.length == 0) {
      throw new InvalidInputException("the secret for " + tag + " is empty: pipe a non-empty secret into standard input");
    }
    return secret;
  }

  private byte[] prompt(CliEnvironment environment) throws InvalidInputException {
    char[] chars =
        environment
            .prompt()
            .readPassword("Secret for " + tag + ": ")
            .orElseThrow(() -> new InvalidInputException("no secret entered for " + tag));
    try {
      ByteBuffer encoded = UTF_8.encode(CharBuffer.wrap(chars));
      byte[] bytes = new byte[encoded.remaining()];
      encoded.get(bytes);
      Arrays.fill(encoded.array(), (byte) 0);
      return bytes;
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  private static byte[] readStandardInput(InputStream stdin) throws InvalidInputException {
    try {
      byte[] secret = stdin.readNBytes(MAX_SECRET_BYTES + 1);
      if (secret.length > MAX_SECRET_BYTES) {
        Arrays.fill(secret, (byte) 0);
        throw new InvalidInputException("the secret on standard input is longer than " + MAX_SECRET_BYTES + " bytes");
      }
      return secret;
    } catch (IOException e) {
      throw new InvalidInputException("cannot read the secret from standard input: " + e.getMessage(), e);
    }
  }
}
