package dev.keychain4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.Keychain;
import dev.keychain4j.Purpose;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keychain classpath} run as its own JVM, and its output given to keytool as provider path,
 * which is what the command is for.
 */
class ClasspathCommandTest {
  private static final String PASSPHRASE = "classpath test passphrase";

  @TempDir Path temp;

  @Test
  void classpathLetsKeytoolListKeychain() throws Exception {
    Path keychainDirectory = temp.resolve("keychain");
    try (Keychain keychain = Keychain.create(keychainDirectory, PASSPHRASE.toCharArray())) {
      keychain.generateKey("tls-client", KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.SIGN).build());
    }
    Path properties = temp.resolve("keychain.properties");
    Files.writeString(properties, "keychain=" + keychainDirectory + "\n");

    ProcessOutput classpath =
        run(List.of(java(), "-cp", testClassPath(), "dev.keychain4j.cli.Main", "classpath"));
    String printed = classpath.output.strip();
    ProcessOutput keytool =
        run(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-J--add-modules=java.sql", "-list", "-storetype", "Keychain4j", "-keystore",
                properties.toString(), "-storepass", PASSPHRASE, "-providerclass",
                "dev.keychain4j.jca.Keychain4jProvider", "-providerpath", printed));

    assertThat(classpath.exitCode).as(classpath.output).isZero();
    for (String entry : printed.split(File.pathSeparator)) {
      assertThat(Path.of(entry)).as("class path entry %s", entry).isAbsolute().exists();
    }
    assertThat(keytool.exitCode).as(keytool.output).isZero();
    assertThat(keytool.output).contains("Your keystore contains 1 entry").contains("tls-client");
  }

  @Test
  void classpathHelpListsExitCodes() {
    CliResult result = Cli.withoutTerminal().run("classpath", "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).contains("-providerpath").contains("Exit codes:");
  }

  /** Returns the class path of this test run, which has the CLI and all its runtime dependencies. */
  private static String testClassPath() {
    // Surefire starts tests through a manifest-only jar, and names the real class path here.
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null ? surefire : System.getProperty("java.class.path");
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static ProcessOutput run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
    try {
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command.get(0)).isTrue();
      return new ProcessOutput(process.exitValue(), output);
    } finally {
      process.destroyForcibly();
    }
  }

  private record ProcessOutput(int exitCode, String output) {}
}
