package dev.keychain4j.cli;

import dev.keychain4j.ItemClass;
import dev.keychain4j.Keychain;
import dev.keychain4j.KeychainStatus;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.UnmanagedObject;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = "Opens the keychain and prints its secure element, security level, agent, lock state and item counts.",
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
      out.printf("Agent:           %s%n", opened.usesAgent() ? "running" : "not running");
      out.printf("Lock state:      %s%n", opened.isLocked() ? "locked" : "unlocked");
      out.printf("Keys:            %d%n", status.count(ItemClass.KEY));
      out.printf("Certificates:    %d%n", status.count(ItemClass.CERTIFICATE));
      out.printf("Identities:      %d%n", status.count(ItemClass.IDENTITY));
      out.printf("Secrets:         %d%n", status.count(ItemClass.SECRET));
      printUnmanaged(opened.unmanagedObjects(), out);
    }
    return ExitCodes.SUCCESS;
  }

  /** Lists the element's objects that no keychain key refers to, so that none stays hidden. */
  private static void printUnmanaged(List<UnmanagedObject> objects, PrintWriter out) {
    if (objects.isEmpty()) {
      return;
    }
    out.printf("Unmanaged objects in the secure element: %d%n", objects.size());
    for (UnmanagedObject object : objects) {
      out.printf(
          "  %s id=%s label=%s algorithm=%s %s%n",
          object.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
          object.id().isEmpty() ? "(none)" : object.id(),
          object.labelText().orElse("(none)"),
          object.keyAlgorithm().map(KeyAlgorithm::cliName).orElse("unknown"),
          object.adoptable() ? "adoptable with 'keychain adopt'" : "not adoptable: " + object.reason());
    }
  }
}
