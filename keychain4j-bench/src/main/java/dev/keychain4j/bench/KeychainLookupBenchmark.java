package dev.keychain4j.bench;

import dev.keychain4j.ItemQuery;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyInfo;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.Keychain;
import dev.keychain4j.KeychainException;
import dev.keychain4j.Purpose;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Lookup by tag in a keychain of 100,000 keys: {@link Keychain#keyInfo} (one indexed SQLite read,
 * then decoding the authorizations and the public key) and {@link Keychain#query} by tag.
 *
 * <p>One P-256 key is generated through the API; the other 99,999 rows are SQL copies of it under
 * new tags and ids, because generating 100,000 keys one transaction at a time takes minutes. The
 * copies' sealed keys are bound to the original tag and would fail authentication if used to
 * sign, but lookups read only the row, so for them the copies are as good as real keys.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KeychainLookupBenchmark {
  static final int ITEMS = 100_000;

  private Path directory;
  private Keychain keychain;
  private String[] tags;
  private int next;

  @Setup
  public void setUp() throws IOException, KeychainException, SQLException {
    directory = Files.createTempDirectory("keychain-lookup-bench");
    Path keychainDirectory = directory.resolve("keychain");
    char[] passphrase = "benchmark passphrase".toCharArray();
    try (Keychain creating = Keychain.create(keychainDirectory, passphrase)) {
      creating.generateKey(
          "key-0",
          KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.SIGN, Purpose.VERIFY).build());
    }
    try (Connection connection =
            DriverManager.getConnection("jdbc:sqlite:" + keychainDirectory.resolve("keychain.db"));
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + (ITEMS - 1) + ")"
              + " INSERT INTO items(id, class, tag, label, created, algorithm, authorizations,"
              + " key_reference, public_key)"
              + " SELECT n.i, 'KEY', 'key-' || n.i, NULL, k.created, k.algorithm,"
              + " k.authorizations, k.key_reference, k.public_key"
              + " FROM n, (SELECT * FROM items WHERE tag = 'key-0') AS k");
    }
    keychain = Keychain.open(keychainDirectory, passphrase);
    if (keychain.status().count(dev.keychain4j.ItemClass.KEY) != ITEMS) {
      throw new IllegalStateException("expected " + ITEMS + " keys in the benchmark keychain");
    }

    tags = new String[4096];
    Random random = new Random(42);
    for (int i = 0; i < tags.length; i++) {
      tags[i] = "key-" + random.nextInt(ITEMS);
    }
  }

  @TearDown
  public void tearDown() throws IOException {
    keychain.close();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  private String nextTag() {
    next = (next + 1) & (tags.length - 1);
    return tags[next];
  }

  @Benchmark
  public KeyInfo keyInfoByTag() throws KeychainException {
    return keychain.keyInfo(nextTag());
  }

  @Benchmark
  public List<dev.keychain4j.ItemInfo> queryByTag() throws KeychainException {
    return keychain.query(ItemQuery.builder().tag(nextTag()).build());
  }
}
