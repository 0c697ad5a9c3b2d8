package dev.keychain4j.cli;

import dev.keychain4j.Digest;
import dev.keychain4j.KeyInfo;
import dev.keychain4j.Keychain;
import dev.keychain4j.SignatureSpec;
import java.util.concurrent.Callable;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "csr",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = {
      "Writes a PKCS#10 certificate signing request as PEM to standard output.",
      "The request is signed inside the secure element."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class CsrCommand implements Callable<Integer> {
  @Mixin KeychainOptions keychain = new KeychainOptions();

  @Option(names = "--tag", required = true, paramLabel = "TAG", description = "Tag of the signing key.")
  String tag = "";

  @Option(
      names = "--subject",
      required = true,
      paramLabel = "DN",
      description = "Subject distinguished name in RFC 4514 form, such as CN=api.example.com,O=Example.")
  String subject = "";

  @Option(
      names = "--digest",
      paramLabel = "DIGEST",
      description = "sha256, sha384 or sha512, not for Ed25519. Default: as for sign.")
  @Nullable Digest digest;

  @Override
  public Integer call() throws Exception {
    checkSubject(subject);

    try (Keychain opened = keychain.open()) {
      KeyInfo info = opened.keyInfo(tag);
      SignatureSpec spec = Algorithms.signatureSpec(info, digest, null);
      byte[] request = opened.createCsr(tag, subject, spec.digest());
      keychain.environment().out().print(Pem.encode(CryptoFiles.CERTIFICATE_REQUEST, request));
    }
    return ExitCodes.SUCCESS;
  }

  private static void checkSubject(String subject) throws InvalidInputException {
    try {
      new X500Principal(subject);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "invalid --subject '" + subject + "': use RFC 4514 form, such as CN=api.example.com,O=Example", e);
    }
  }
}
