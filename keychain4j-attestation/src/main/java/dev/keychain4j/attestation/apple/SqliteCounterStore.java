package dev.keychain4j.attestation.apple;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * An {@link AssertionCounterStore} in a SQLite database file, through the sqlite-jdbc driver.
 *
 * <p>{@link #advance} is one {@code UPDATE ... WHERE key_id = ? AND counter < ?} statement, so
 * SQLite's write lock makes the comparison and the write one atomic step, also across processes and
 * connections that share the file. The database uses write-ahead logging, and a writer waits up to
 * {@link #BUSY_TIMEOUT_MILLIS} for another connection's write lock.
 *
 * <p>Each instance owns one connection and serializes its own calls. Close it when done.
 *
 * <p>NOTE: the driver is found by its JDBC URL through {@link DriverManager}. On the module path,
 * add the driver's module ({@code --add-modules org.xerial.sqlitejdbc}) because this module does
 * not require it at compile time.
 */
public final class SqliteCounterStore implements AssertionCounterStore, AutoCloseable {
  /** How long a write waits for another connection's lock before failing. */
  public static final int BUSY_TIMEOUT_MILLIS = 10_000;

  private static final String CREATE_TABLE =
      "CREATE TABLE IF NOT EXISTS app_attest_counter ("
          + "key_id BLOB PRIMARY KEY NOT NULL, counter INTEGER NOT NULL)";
  private static final String INSERT =
      "INSERT INTO app_attest_counter (key_id, counter) VALUES (?, ?) ON CONFLICT (key_id) DO"
          + " NOTHING";
  private static final String ADVANCE =
      "UPDATE app_attest_counter SET counter = ? WHERE key_id = ? AND counter < ?";
  private static final String SELECT = "SELECT counter FROM app_attest_counter WHERE key_id = ?";

  private final Connection connection;
  private final Path file;

  private SqliteCounterStore(Connection connection, Path file) {
    this.connection = connection;
    this.file = file;
  }

  /**
   * Opens or creates the database at {@code file} and its counter table.
   *
   * @throws IllegalArgumentException if the path contains '?', which JDBC URLs cannot carry
   */
  public static SqliteCounterStore open(Path file) throws CounterStoreException {
    Objects.requireNonNull(file, "file");
    Path absolute = file.toAbsolutePath();
    if (absolute.toString().contains("?")) {
      // sqlite-jdbc reads everything after '?' in the URL as connection parameters.
      throw new IllegalArgumentException(
          "invalid counter database path " + absolute + ": rename it without '?'");
    }
    Connection connection = null;
    try {
      connection = DriverManager.getConnection("jdbc:sqlite:" + absolute);
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
        statement.execute("PRAGMA journal_mode = WAL");
        statement.execute(CREATE_TABLE);
      }
      return new SqliteCounterStore(connection, absolute);
    } catch (SQLException e) {
      closeQuietly(connection, e);
      throw new CounterStoreException(
          "could not open the counter database " + absolute + ": " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(@Nullable Connection connection, SQLException failure) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  @Override
  public synchronized boolean register(byte[] keyId, long counter) throws CounterStoreException {
    AssertionCounterStore.checkArguments(keyId, counter);
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setBytes(1, keyId);
      insert.setLong(2, counter);
      return insert.executeUpdate() == 1;
    } catch (SQLException e) {
      throw failure("register a key", e);
    }
  }

  @Override
  public synchronized Update advance(byte[] keyId, long counter) throws CounterStoreException {
    AssertionCounterStore.checkArguments(keyId, counter);
    try (PreparedStatement update = connection.prepareStatement(ADVANCE)) {
      update.setLong(1, counter);
      update.setBytes(2, keyId);
      update.setLong(3, counter);
      if (update.executeUpdate() == 1) {
        return Update.ADVANCED;
      }
    } catch (SQLException e) {
      throw failure("advance a counter", e);
    }

    // No row changed: tell a replay from a key that was never registered.
    return counter(keyId).isPresent() ? Update.NOT_INCREASED : Update.UNKNOWN_KEY;
  }

  @Override
  public synchronized OptionalLong counter(byte[] keyId) throws CounterStoreException {
    try (PreparedStatement select = connection.prepareStatement(SELECT)) {
      select.setBytes(1, keyId);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
      }
    } catch (SQLException e) {
      throw failure("read a counter", e);
    }
  }

  /** Closes the connection. */
  @Override
  public synchronized void close() throws CounterStoreException {
    try {
      connection.close();
    } catch (SQLException e) {
      throw failure("close the database", e);
    }
  }

  private CounterStoreException failure(String operation, SQLException e) {
    return new CounterStoreException(
        "could not " + operation + " in the counter database " + file + ": " + e.getMessage(), e);
  }
}
