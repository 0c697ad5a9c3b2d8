package dev.keychain4j.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.keychain4j.Digest;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyInfo;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.Keychain;
import dev.keychain4j.KeychainStatus;
import dev.keychain4j.Purpose;
import dev.keychain4j.SignatureSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = {
      "Shows the keychain at work, without touching your keychain.",
      "Creates a keychain in a temporary directory with a random passphrase, generates an EC P-256"
          + " signing key " + DemoCommand.TAG + ", signs a message, verifies the signature and writes"
          + " a CSR. Then it deletes the temporary keychain, also when a step fails."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class DemoCommand implements Callable<Integer> {
  static final String TAG = "MyNewKeyPair";

  private static final String MESSAGE = "Hello from keychain4j";
  private static final String SUBJECT = "CN=" + TAG + ",O=keychain4j demo";

  @Spec @Nullable CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    CliEnvironment environment = Commands.environment(Commands.require(spec));
    PrintWriter out = environment.out();
    Path directory = Files.createTempDirectory("keychain4j-demo-");
    try {
      run(directory, out);
    } finally {
      deleteRecursively(directory);
      out.printf("%nDeleted the temporary keychain %s.%n", directory);
    }
    return ExitCodes.SUCCESS;
  }

  private static void run(Path directory, PrintWriter out) throws Exception {
    Path keychainDirectory = directory.resolve("keychain");
    char[] passphrase = randomPassphrase();
    Keychain keychain;
    try {
      keychain = Keychain.create(keychainDirectory, passphrase);
    } finally {
      Arrays.fill(passphrase, '\0');
    }

    try (keychain) {
      KeychainStatus status = keychain.status();
      out.printf(
          "1. Created a keychain in %s with a random passphrase (secure element %s, security level %s).%n",
          keychainDirectory, status.elementName(), status.securityLevel());

      KeyParameters parameters =
          KeyParameters.builder(KeyAlgorithm.EC_P256)
              .purposes(Purpose.SIGN, Purpose.VERIFY)
              .digests(Digest.SHA256)
              .build();
      KeyInfo info = keychain.generateKey(TAG, parameters);
      out.printf("%n2. Generated the EC P-256 key %s inside the secure element, which it never leaves.%n", TAG);
      KeyDescription.print(info, out, "   ");

      byte[] message = MESSAGE.getBytes(UTF_8);
      SignatureSpec signatureSpec = SignatureSpec.ecdsa(Digest.SHA256);
      byte[] signature = keychain.sign(TAG, signatureSpec, message);
      out.printf(
          "%n3. Signed \"%s\" with %s (ECDSA with SHA-256), a %d-byte DER signature:%n   %s%n",
          MESSAGE, TAG, signature.length, HexFormat.of().formatHex(signature));

      boolean valid = keychain.verify(TAG, signatureSpec, message, signature);
      if (!valid) {
        throw new CommandFailedException("the demo signature did not verify with the public key of " + TAG);
      }
      out.printf("%n4. Verified the signature with the public key, outside the secure element: valid.%n");

      byte[] request = keychain.createCsr(TAG, SUBJECT, Digest.SHA256);
      out.printf("%n5. Wrote a certificate signing request for %s, signed inside the secure element:%n", SUBJECT);
      out.print(Pem.encode(CryptoFiles.CERTIFICATE_REQUEST, request));
    }
  }

  private static char[] randomPassphrase() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    char[] passphrase = Base64.getEncoder().withoutPadding().encodeToString(random).toCharArray();
    Arrays.fill(random, (byte) 0);
    return passphrase;
  }

  private static void deleteRecursively(Path directory) throws IOException {
    Files.walkFileTree(
        directory,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException exception) throws IOException {
            if (exception != null) {
              throw exception;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
