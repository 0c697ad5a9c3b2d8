package dev.keychain4j.cli;

import dev.keychain4j.Keychain;
import java.io.PrintWriter;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "export-cert",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = {
      "Writes a key's certificate chain as PEM to standard output.",
      "The certificates come leaf first, byte for byte as imported."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class ExportCertCommand implements Callable<Integer> {
  @Mixin KeychainOptions keychain = new KeychainOptions();

  @Option(names = "--tag", required = true, paramLabel = "TAG", description = "Tag of the key.")
  String tag = "";

  @Override
  public Integer call() throws Exception {
    List<X509Certificate> chain;
    try (Keychain opened = keychain.open()) {
      chain = opened.certificateChain(tag);
    }
    if (chain.isEmpty()) {
      throw new CommandFailedException(
          "key " + tag + " has no certificate chain. Import one with keychain import-cert --tag " + tag + " FILE");
    }

    PrintWriter out = keychain.environment().out();
    for (X509Certificate certificate : chain) {
      out.print(Pem.encode(CryptoFiles.CERTIFICATE, certificate.getEncoded()));
    }
    return ExitCodes.SUCCESS;
  }
}
