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
    name = "adopt",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = {
      "Takes a private key that another program made in the secure element into the keychain.",
      "'keychain status' lists the objects no keychain key refers to, with their ids. The key must"
          + " be sensitive and never extractable, and the element must enforce the purposes given."
          + " Deleting an adopted key from the keychain leaves it in the element."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class AdoptCommand implements Callable<Integer> {
  @Mixin KeychainOptions keychain = new KeychainOptions();

  @Option(
      names = "--id",
      required = true,
      paramLabel = "ID",
      description = "Id of the key in the element, as 'keychain status' lists it (CKA_ID in hex on a PKCS#11 token).")
  String id = "";

  @Option(names = "--tag", required = true, paramLabel = "TAG", description = "Tag of the key in the keychain, unique among keys.")
  String tag = "";

  @Mixin KeyParameterOptions key = new KeyParameterOptions();

  @Override
  public Integer call() throws Exception {
    KeyParameters parameters = key.parameters();
    try (Keychain opened = keychain.open()) {
      KeyInfo info = opened.adoptKey(tag, id, parameters);
      PrintWriter out = keychain.environment().out();
      out.printf("Adopted key %s from the secure element as %s.%n", id, info.tag());
      KeyDescription.print(info, out);
    }
    return ExitCodes.SUCCESS;
  }
}
