package dev.keychain4j.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  private static final Pattern DELETED = Pattern.compile("Deleted the temporary keychain (.+)\\.");

  @TempDir Path temp;

  @Test
  void demoPrintsEveryStepAndDeletesKeychain() throws Exception {
    CliResult result = Cli.withoutTerminal().run("demo");

    assertThat(result.exitCode()).as("%s", result).isZero();
    String out = result.stdout();
    assertThat(out).contains("1. Created a keychain");
    assertThat(out).contains("2. Generated the EC P-256 key MyNewKeyPair");
    assertThat(out).contains("3. Signed");
    assertThat(out).contains("4. Verified the signature").contains("valid");
    assertThat(out).contains("5. Wrote a certificate signing request");
    assertThat(out).contains("Security level:    SOFTWARE");
    assertThat(out).containsPattern("purpose\\s+sign,verify\\s+secure element");
    assertThat(out).containsPattern("digest\\s+sha256\\s+secure element");
    assertThat(result.stderr()).isEmpty();

    Matcher deleted = DELETED.matcher(out);
    assertThat(deleted.find()).as("deletion line in%n%s", out).isTrue();
    assertThat(Path.of(deleted.group(1))).doesNotExist();
  }

  @Test
  void demoCsrVerifiesWithOpenssl() throws Exception {
    CliResult result = Cli.withoutTerminal().run("demo");

    String out = result.stdout();
    int begin = out.indexOf("-----BEGIN CERTIFICATE REQUEST-----");
    int end = out.indexOf("-----END CERTIFICATE REQUEST-----");
    assertThat(begin).isNotNegative();
    assertThat(end).isGreaterThan(begin);
    Files.writeString(temp.resolve("demo.csr"), out.substring(begin, end) + "-----END CERTIFICATE REQUEST-----\n");

    Openssl.Result verified = Openssl.ok(temp, "req", "-in", "demo.csr", "-verify", "-noout", "-subject");
    assertThat(verified.stdout() + verified.stderr()).contains("verify OK").contains("MyNewKeyPair");
  }

  /** Runs the real launcher from the repository root, which builds the CLI first when the jar is stale. */
  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void launcherRunsDemo() throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent();
    assertThat(root.resolve("keychain")).as("launcher at the repository root").isExecutable();
    Path output = temp.resolve("launcher.out");

    ProcessBuilder builder =
        new ProcessBuilder(List.of("./keychain", "demo"))
            .directory(root.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    // The demo touches no keychain of the user; this keeps it so even if it did.
    builder.environment().put("KEYCHAIN4J_HOME", temp.resolve("home").toString());
    builder.environment().remove(Passphrases.VARIABLE);
    Process process = builder.start();
    boolean finished = process.waitFor(14, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly();
    }

    String text = Files.readString(output, UTF_8);
    assertThat(finished).as("launcher finished; output so far:%n%s", text).isTrue();
    assertThat(process.exitValue()).as("exit code; output:%n%s", text).isZero();
    assertThat(text).contains("MyNewKeyPair").contains("SOFTWARE").contains("-----BEGIN CERTIFICATE REQUEST-----");
    assertThat(text).contains("Deleted the temporary keychain");
    assertThat(temp.resolve("home")).doesNotExist();
  }
}
