package dev.keychain4j;

import static dev.keychain4j.contract.KeychainContract.PASSPHRASE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a JVM that is writing to a keychain at random moments, many times. After each kill the
 * keychain must open and every item must be whole: each key unseals with its stored
 * authorizations, each counter authenticates and is within the limit, each secret has its value.
 */
class CrashSafetyTest {
  static final int USAGE_LIMIT = 3;
  private static final int KILLS = 30;

  @TempDir Path temp;

  @Test
  void killedWriterLeavesConsistentKeychain() throws Exception {
    Path directory = temp.resolve("keychain");
    Keychain.create(directory, PASSPHRASE).close();
    Random random = new Random();
    int itemsSeen = 0;

    for (int run = 0; run < KILLS; run++) {
      Process writer = startWriter(directory, run);
      try (BufferedReader output =
          new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
        assertThat(output.readLine()).as("writer %d did not start", run).isEqualTo("ready");
        Thread.sleep(20 + random.nextInt(300));
      } finally {
        writer.destroyForcibly();
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }

      itemsSeen = Math.max(itemsSeen, checkConsistent(directory, run));
    }

    assertThat(itemsSeen).as("the writers never committed anything").isPositive();
  }

  private Process startWriter(Path directory, int run) throws Exception {
    String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder builder =
        new ProcessBuilder(
            javaBinary,
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xmx128m",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "-cp",
            classPath,
            CrashWriter.class.getName(),
            directory.toString(),
            Integer.toString(run));
    builder.environment().put("KEYCHAIN4J_PASSPHRASE", new String(PASSPHRASE));
    builder.redirectError(new File(temp.toFile(), "writer-" + run + ".err"));
    return builder.start();
  }

  /** Returns the number of items after checking them all. */
  private int checkConsistent(Path directory, int run) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("keychain.db"));
        Statement statement = connection.createStatement()) {
      try (ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
        rows.next();
        assertThat(rows.getString(1)).as("after kill %d", run).isEqualTo("ok");
      }
      try (ResultSet rows = statement.executeQuery("PRAGMA foreign_key_check")) {
        assertThat(rows.next()).as("dangling rows after kill %d", run).isFalse();
      }
    }

    try (Keychain keychain = Keychain.open(directory, PASSPHRASE)) {
      int checked = keychain.verifyIntegrity();

      List<ItemInfo> keys = keychain.query(ItemQuery.builder().itemClass(ItemClass.KEY).build());
      for (ItemInfo key : keys) {
        KeyInfo info = keychain.keyInfo(key.tag());
        if (info.parameters().usageLimit().isPresent()) {
          assertThat(info.remainingUses()).as(key.tag()).isPresent();
          assertThat(info.remainingUses().getAsInt()).as(key.tag()).isBetween(1, USAGE_LIMIT);
        } else {
          assertThat(info.remainingUses()).as(key.tag()).isEmpty();
        }
      }
      List<ItemInfo> secrets = keychain.query(ItemQuery.builder().itemClass(ItemClass.SECRET).build());
      for (ItemInfo secret : secrets) {
        assertThat(new String(keychain.secret(secret.tag()), StandardCharsets.UTF_8))
            .isEqualTo(CrashWriter.secretValue(secret.tag()));
      }

      KeychainStatus status = keychain.status();
      assertThat(status.count(ItemClass.KEY)).isEqualTo(keys.size());
      assertThat(status.count(ItemClass.SECRET)).isEqualTo(secrets.size());
      assertThat(checked).isEqualTo(keys.size() + secrets.size());
      return checked;
    }
  }
}
