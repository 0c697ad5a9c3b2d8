package dev.keychain4j.cli;

import dev.keychain4j.ItemClass;
import dev.keychain4j.Keychain;
import dev.keychain4j.KeychainStatus;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = "Opens the keychain and prints its secure element, security level and item counts.",
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class StatusCommand implements Callable<Integer> {
  @Mixin KeychainOptions keychain = new KeychainOptions();

  @Override
  public Integer call() throws Exception {
    try (Keychain opened = keychain.open()) {
      KeychainStatus status = opened.status();
      PrintWriter out = keychain.environment().out();
      out.printf("Keychain:        %s%n", status.directory());
      out.printf("Secure element:  %s%n", status.elementName());
      out.printf("Security level:  %s%n", status.securityLevel());
      out.printf("Keys:            %d%n", status.count(ItemClass.KEY));
      out.printf("Certificates:    %d%n", status.count(ItemClass.CERTIFICATE));
      out.printf("Identities:      %d%n", status.count(ItemClass.IDENTITY));
      out.printf("Secrets:         %d%n", status.count(ItemClass.SECRET));
    }
    return ExitCodes.SUCCESS;
  }
}
