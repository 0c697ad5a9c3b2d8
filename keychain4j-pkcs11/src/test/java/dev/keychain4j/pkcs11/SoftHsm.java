package dev.keychain4j.pkcs11;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A SoftHSM2 token in a temporary directory, made once per test JVM. SoftHSM2 reads the path of
 * its configuration from SOFTHSM2_CONF when the module loads; the build sets that variable to a
 * fixed file under target/, which this class writes before anything loads the module. The class is
 * public because the JCA provider tests reuse it through this module's test jar.
 */
public final class SoftHsm {
  public static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
  public static final String LABEL = "keychain4j-test";
  public static final String PIN = "123456";
  static final String SO_PIN = "12345678";

  private static boolean ready;

  private SoftHsm() {}

  /** Creates the token once; later calls return at once. */
  public static synchronized void ensureToken() throws IOException, InterruptedException {
    if (ready) {
      return;
    }
    String configuration = System.getenv("SOFTHSM2_CONF");
    if (configuration == null) {
      throw new IllegalStateException(
          "SOFTHSM2_CONF is not set: run the PKCS#11 tests through Maven, which sets it");
    }
    if (!Files.isRegularFile(Path.of(LIBRARY))) {
      throw new IllegalStateException(
          "SoftHSM2 is not installed (" + LIBRARY + " is missing): run scripts/test-all, or"
              + " apt-get install softhsm2 opensc");
    }
    Path tokens = Files.createTempDirectory("keychain4j-softhsm2-");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(tokens)));
    Path conf = Path.of(configuration);
    Files.createDirectories(conf.getParent());
    Files.writeString(
        conf,
        "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n",
        StandardCharsets.UTF_8);
    run("softhsm2-util", "--init-token", "--free", "--label", LABEL, "--so-pin", SO_PIN, "--pin", PIN);
    ready = true;
  }

  /** Runs a command with SOFTHSM2_CONF set and returns its standard output; fails on a non-zero exit. */
  static String run(String... command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("SOFTHSM2_CONF", System.getenv("SOFTHSM2_CONF"));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed:\n" + output);
    }
    return output;
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
      for (Path path : all) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // A leftover temporary directory is harmless.
    }
  }
}
