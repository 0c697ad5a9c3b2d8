package dev.keychain4j.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A keychain created by {@code keychain init} in a test directory, with its passphrase in a file. */
final class TestKeychain {
  static final String PASSPHRASE = "correct horse battery staple";

  private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(UTF_8);

  private final Path directory;
  private final Path passphraseFile;

  private TestKeychain(Path directory, Path passphraseFile) {
    this.directory = directory;
    this.passphraseFile = passphraseFile;
  }

  /** Runs {@code keychain init} in {@code parent/keychain} and asserts that it succeeds. */
  static TestKeychain create(Path parent) throws IOException {
    Path passphraseFile = parent.resolve("passphrase.txt");
    Files.writeString(passphraseFile, PASSPHRASE + "\n");
    TestKeychain keychain = new TestKeychain(parent.resolve("keychain"), passphraseFile);
    keychain.ok("init");
    return keychain;
  }

  Path directory() {
    return directory;
  }

  Path passphraseFile() {
    return passphraseFile;
  }

  /** Runs a subcommand on this keychain: {@code --keychain} and {@code --passphrase-file} are appended. */
  CliResult run(String... args) {
    return Cli.withoutTerminal().run(withKeychain(args));
  }

  /** Runs a subcommand with the given standard input. */
  CliResult runWithStdin(byte[] stdin, String... args) {
    return Cli.withoutTerminal().stdin(stdin).run(withKeychain(args));
  }

  /** Runs a subcommand and asserts exit code 0. */
  CliResult ok(String... args) {
    CliResult result = run(args);
    assertThat(result.exitCode()).as("keychain %s%n%s", String.join(" ", args), result).isZero();
    return result;
  }

  String[] withKeychain(String... args) {
    String[] full = Arrays.copyOf(args, args.length + 4);
    full[args.length] = "--keychain";
    full[args.length + 1] = directory.toString();
    full[args.length + 2] = "--passphrase-file";
    full[args.length + 3] = passphraseFile.toString();
    return full;
  }

  /** Returns the database file: the one file in the keychain directory that starts with the SQLite header. */
  Path databaseFile() throws IOException {
    List<Path> databases = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file) && startsWithSqliteHeader(file)) {
          databases.add(file);
        }
      }
    }
    assertThat(databases).as("SQLite databases in %s", directory).hasSize(1);
    return databases.get(0);
  }

  /** Returns what can show a change to the keychain: {@code list --json}, every row, and the database's SHA-256. */
  Snapshot snapshot() throws Exception {
    CliResult list = ok("list", "--json");
    Path database = databaseFile();
    return new Snapshot(list.stdout(), rows(database), sha256(database));
  }

  /**
   * A keychain's observable state.
   *
   * @param listJson output of {@code list --json}
   * @param rows every row of every table, by table name
   * @param databaseSha256 hex SHA-256 of the database file's contents
   */
  record Snapshot(String listJson, Map<String, List<String>> rows, String databaseSha256) {}

  private static boolean startsWithSqliteHeader(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(SQLITE_HEADER.length), SQLITE_HEADER);
    }
  }

  /** Reads every row of every table with JDBC; BLOB columns as hex, so that the strings compare exactly. */
  static Map<String, List<String>> rows(Path database) throws SQLException {
    Map<String, List<String>> tables = new TreeMap<>();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement statement = connection.createStatement()) {
      List<String> names = new ArrayList<>();
      try (ResultSet result =
          statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
        while (result.next()) {
          names.add(result.getString(1));
        }
      }
      for (String name : names) {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery("SELECT * FROM \"" + name + "\"")) {
          int columns = result.getMetaData().getColumnCount();
          while (result.next()) {
            StringBuilder row = new StringBuilder();
            for (int column = 1; column <= columns; column++) {
              Object value = result.getObject(column);
              row.append(value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(value));
              row.append('|');
            }
            rows.add(row.toString());
          }
        }
        // Sorted, because SQLite promises no row order without ORDER BY.
        rows.sort(null);
        tables.put(name, rows);
      }
    }
    return tables;
  }

  static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
