package dev.keychain4j.cli;

import dev.keychain4j.Keychain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "export-attestation-root",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = {
      "Writes the keychain's attestation root certificate as PEM to standard output.",
      "Servers configure it as the trust anchor for this keychain's attestation chains."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class ExportAttestationRootCommand implements Callable<Integer> {
  @Mixin KeychainOptions keychain = new KeychainOptions();

  @Override
  public Integer call() throws Exception {
    try (Keychain opened = keychain.open()) {
      keychain
          .environment()
          .out()
          .print(Pem.encode(CryptoFiles.CERTIFICATE, opened.attestationRoot().getEncoded()));
    }
    return ExitCodes.SUCCESS;
  }
}
