package dev.keychain4j.cli;

import dev.keychain4j.Keychain;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "import-cert",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = {
      "Imports a certificate chain for a key, making it an identity.",
      "The leaf's public key must be the key's public key."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class ImportCertCommand implements Callable<Integer> {
  @Mixin KeychainOptions keychain = new KeychainOptions();

  @Option(names = "--tag", required = true, paramLabel = "TAG", description = "Tag of the key the chain belongs to.")
  String tag = "";

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "The chain, leaf first: PEM CERTIFICATE blocks, or one DER certificate.")
  @Nullable Path file;

  @Override
  public Integer call() throws Exception {
    List<X509Certificate> chain = CryptoFiles.readCertificates(Commands.requireOption(file, "FILE"));

    try (Keychain opened = keychain.open()) {
      opened.importCertificateChain(tag, chain);
    }
    keychain
        .environment()
        .out()
        .printf(
            "Imported %d certificate%s for key %s, leaf subject %s%n",
            chain.size(),
            chain.size() == 1 ? "" : "s",
            tag,
            chain.get(0).getSubjectX500Principal().getName());
    return ExitCodes.SUCCESS;
  }
}
