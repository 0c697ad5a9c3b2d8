package dev.keychain4j.cli;

import dev.keychain4j.KeyInfo;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.Keychain;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = {
      "Generates a key pair inside the secure element.",
      "The authorizations given here limit every later use of the key. The private key never leaves"
          + " the element."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class GenerateCommand implements Callable<Integer> {
  @Mixin KeychainOptions keychain = new KeychainOptions();

  @Option(names = "--tag", required = true, paramLabel = "TAG", description = "Tag of the new key, unique among keys.")
  String tag = "";

  @Mixin KeyParameterOptions key = new KeyParameterOptions();

  @Override
  public Integer call() throws Exception {
    KeyParameters parameters = key.parameters();
    try (Keychain opened = keychain.open()) {
      KeyInfo info = opened.generateKey(tag, parameters);
      PrintWriter out = keychain.environment().out();
      out.printf("Generated key %s inside the secure element.%n", info.tag());
      KeyDescription.print(info, out);
    }
    return ExitCodes.SUCCESS;
  }
}
