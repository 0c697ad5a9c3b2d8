package dev.keychain4j.internal.store;

import dev.keychain4j.DuplicateItemException;
import dev.keychain4j.ItemClass;
import dev.keychain4j.ItemInfo;
import dev.keychain4j.ItemQuery;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeychainException;
import dev.keychain4j.KeychainExistsException;
import dev.keychain4j.KeychainNotFoundException;
import dev.keychain4j.KeychainStorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

/**
 * The item store: one SQLite database per keychain directory, in WAL mode with {@code
 * synchronous=FULL}, so a committed change survives a crash of the process or the machine and an
 * interrupted one leaves no trace. Every change runs in one {@code BEGIN IMMEDIATE} transaction.
 *
 * <p>One JDBC connection serves the whole keychain; methods are synchronized on the store. Items
 * of all classes share the {@code items} table; {@code UNIQUE(class, tag)} is also the index for
 * lookups by tag, and CHECK constraints reject a key row without its sealed key, authorizations or
 * public key, so no partial key can be stored.
 */
public final class ItemStore implements AutoCloseable {
  static final int SCHEMA_VERSION = 1;

  private static final String[] SCHEMA = {
    "CREATE TABLE IF NOT EXISTS meta(name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS items("
        + " id INTEGER PRIMARY KEY,"
        + " class TEXT NOT NULL CHECK (class IN ('KEY', 'CERTIFICATE', 'SECRET')),"
        + " tag TEXT NOT NULL,"
        + " label TEXT,"
        + " created INTEGER NOT NULL,"
        + " algorithm TEXT,"
        + " authorizations BLOB,"
        + " key_reference BLOB,"
        + " public_key BLOB,"
        + " remaining_uses INTEGER CHECK (remaining_uses IS NULL OR remaining_uses >= 0),"
        + " counter_mac BLOB,"
        + " data BLOB,"
        + " UNIQUE (class, tag),"
        + " CHECK (class <> 'KEY' OR (algorithm IS NOT NULL AND authorizations IS NOT NULL"
        + "   AND key_reference IS NOT NULL AND public_key IS NOT NULL"
        + "   AND (remaining_uses IS NULL) = (counter_mac IS NULL))),"
        + " CHECK (class = 'KEY' OR data IS NOT NULL))",
    // UNIQUE (class, tag) serves lookups of one class; this one serves queries by tag alone.
    "CREATE INDEX IF NOT EXISTS items_tag ON items(tag)",
    "CREATE INDEX IF NOT EXISTS items_label ON items(label) WHERE label IS NOT NULL",
    "CREATE INDEX IF NOT EXISTS items_algorithm ON items(algorithm) WHERE algorithm IS NOT NULL",
    "CREATE TABLE IF NOT EXISTS chains("
        + " key_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
        + " position INTEGER NOT NULL,"
        + " certificate BLOB NOT NULL,"
        + " PRIMARY KEY (key_id, position)) WITHOUT ROWID",
  };

  private static final String KEY_COLUMNS =
      "id, tag, label, created, algorithm, authorizations, key_reference, public_key,"
          + " remaining_uses, counter_mac,"
          + " EXISTS (SELECT 1 FROM chains WHERE chains.key_id = items.id) AS has_chain";

  private final Path directory;
  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private int transactionDepth;

  private ItemStore(Path directory, Connection connection) {
    this.directory = directory;
    this.connection = connection;
  }

  /**
   * Opens the store of {@code directory}, creating the directory and an empty database when
   * {@code create} is set.
   *
   * @throws KeychainNotFoundException if {@code create} is not set and there is no database
   */
  public static ItemStore open(Path directory, boolean create) throws KeychainException {
    Path database = StoreFiles.database(directory);
    if (create) {
      StoreFiles.prepareForCreate(directory);
    } else if (!Files.isRegularFile(database)) {
      throw new KeychainNotFoundException(
          "No keychain in " + directory + ": run 'keychain init' or pass the directory of an"
              + " existing keychain");
    }

    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(10_000);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    if (!create) {
      // Never create an empty database where a keychain was expected.
      config.resetOpenMode(org.sqlite.SQLiteOpenMode.CREATE);
    }
    Connection connection;
    try {
      connection = config.createConnection("jdbc:sqlite:" + database.toAbsolutePath());
    } catch (SQLException e) {
      throw new KeychainStorageException(
          "Cannot open the keychain database " + database + ": " + e.getMessage(), e);
    }
    ItemStore store = new ItemStore(directory, connection);
    try {
      store.createSchema();
      StoreFiles.enforcePermissions(directory);
      return store;
    } catch (KeychainException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private void createSchema() throws KeychainException {
    transaction(() -> {
      try (Statement statement = connection.createStatement()) {
        for (String sql : SCHEMA) {
          statement.execute(sql);
        }
      }
      return null;
    });
  }

  public Path directory() {
    return directory;
  }

  /** A unit of work inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws SQLException, KeychainException;
  }

  /**
   * Runs {@code work} in one {@code BEGIN IMMEDIATE} transaction, committing when it returns and
   * rolling back when it throws. Nested calls join the outer transaction.
   */
  public synchronized <T> T transaction(Work<T> work) throws KeychainException {
    if (transactionDepth > 0) {
      try {
        return work.run();
      } catch (SQLException e) {
        throw storageFailure("update the keychain", e);
      }
    }

    try {
      connection.setAutoCommit(false);
    } catch (SQLException e) {
      throw storageFailure("start a transaction", e);
    }
    transactionDepth++;
    boolean committed = false;
    try {
      T result = work.run();
      connection.commit();
      committed = true;
      return result;
    } catch (SQLException e) {
      throw storageFailure("update the keychain", e);
    } finally {
      transactionDepth--;
      try {
        if (!committed) {
          connection.rollback();
        }
        connection.setAutoCommit(true);
      } catch (SQLException e) {
        // The connection is unusable; the next call reports the failure.
      }
    }
  }

  /**
   * Returns SQLite's {@code PRAGMA data_version}, which changes when another connection (in this
   * or another process) commits a change.
   */
  public synchronized long dataVersion() throws KeychainException {
    try (ResultSet rows = statement("PRAGMA data_version").executeQuery()) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw storageFailure("read the database version", e);
    }
  }

  public synchronized Optional<byte[]> meta(String name) throws KeychainException {
    try {
      PreparedStatement select = statement("SELECT value FROM meta WHERE name = ?");
      select.setString(1, name);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw storageFailure("read the keychain metadata", e);
    }
  }

  /** Inserts or replaces one metadata value. */
  public void putMeta(String name, byte[] value) throws KeychainException {
    transaction(() -> {
      PreparedStatement upsert =
          statement("INSERT INTO meta(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value");
      upsert.setString(1, name);
      upsert.setBytes(2, value);
      upsert.executeUpdate();
      return null;
    });
  }

  /** Deletes one metadata value; returns whether it existed. */
  public boolean deleteMeta(String name) throws KeychainException {
    return transaction(() -> {
      PreparedStatement delete = statement("DELETE FROM meta WHERE name = ?");
      delete.setString(1, name);
      return delete.executeUpdate() > 0;
    });
  }

  /**
   * Writes the first metadata of a new keychain in one transaction.
   *
   * @throws KeychainExistsException if {@code marker} is already set
   */
  public void initialize(String marker, Map<String, byte[]> values) throws KeychainException {
    transaction(() -> {
      if (meta(marker).isPresent()) {
        throw new KeychainExistsException(
            "A keychain already exists in " + directory + ": open it, or choose an empty"
                + " directory for a new one");
      }
      PreparedStatement insert = statement("INSERT INTO meta(name, value) VALUES (?, ?)");
      for (Map.Entry<String, byte[]> entry : values.entrySet()) {
        insert.setString(1, entry.getKey());
        insert.setBytes(2, entry.getValue());
        insert.executeUpdate();
      }
      return null;
    });
  }

  public synchronized Optional<KeyRow> findKey(String tag) throws KeychainException {
    try {
      PreparedStatement select =
          statement("SELECT " + KEY_COLUMNS + " FROM items WHERE class = 'KEY' AND tag = ?");
      select.setString(1, tag);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(keyRow(rows)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw storageFailure("read key '" + tag + "'", e);
    }
  }

  public synchronized List<KeyRow> allKeys() throws KeychainException {
    try (ResultSet rows =
        statement("SELECT " + KEY_COLUMNS + " FROM items WHERE class = 'KEY' ORDER BY tag")
            .executeQuery()) {
      List<KeyRow> keys = new ArrayList<>();
      while (rows.next()) {
        keys.add(keyRow(rows));
      }
      return keys;
    } catch (SQLException e) {
      throw storageFailure("list the keys", e);
    }
  }

  private static KeyRow keyRow(ResultSet rows) throws SQLException {
    int remaining = rows.getInt("remaining_uses");
    boolean limited = !rows.wasNull();
    return new KeyRow(
        rows.getLong("id"),
        rows.getString("tag"),
        rows.getString("label"),
        Instant.ofEpochMilli(rows.getLong("created")),
        rows.getString("algorithm"),
        rows.getBytes("authorizations"),
        rows.getBytes("key_reference"),
        rows.getBytes("public_key"),
        limited ? remaining : null,
        rows.getBytes("counter_mac"),
        rows.getBoolean("has_chain"));
  }

  /**
   * Inserts a key row.
   *
   * @throws DuplicateItemException if a key with the tag exists
   */
  public void insertKey(KeyRow row) throws KeychainException {
    transaction(() -> {
      PreparedStatement insert =
          statement(
              "INSERT INTO items(id, class, tag, label, created, algorithm, authorizations,"
                  + " key_reference, public_key, remaining_uses, counter_mac)"
                  + " VALUES (?, 'KEY', ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      insert.setLong(1, row.id());
      insert.setString(2, row.tag());
      setNullableString(insert, 3, row.label());
      insert.setLong(4, row.created().toEpochMilli());
      insert.setString(5, row.algorithm());
      insert.setBytes(6, row.authorizations());
      insert.setBytes(7, row.reference());
      insert.setBytes(8, row.publicKey());
      if (row.remainingUses() == null) {
        insert.setNull(9, Types.INTEGER);
      } else {
        insert.setInt(9, row.remainingUses());
      }
      insert.setBytes(10, row.counterMac());
      executeInsert(insert, ItemClass.KEY, row.tag());
      return null;
    });
  }

  /**
   * Sets the remaining uses of a key if they are still {@code expected}.
   *
   * @return false if the key is gone or its count changed since it was read
   */
  public boolean updateCounter(long id, int expected, int remaining, byte[] mac)
      throws KeychainException {
    return transaction(() -> {
      PreparedStatement update =
          statement(
              "UPDATE items SET remaining_uses = ?, counter_mac = ?"
                  + " WHERE id = ? AND class = 'KEY' AND remaining_uses = ?");
      update.setInt(1, remaining);
      update.setBytes(2, mac);
      update.setLong(3, id);
      update.setInt(4, expected);
      return update.executeUpdate() == 1;
    });
  }

  /** Deletes an item by id, with its certificate chain; returns whether it existed. */
  public boolean deleteById(long id) throws KeychainException {
    return transaction(() -> {
      PreparedStatement delete = statement("DELETE FROM items WHERE id = ?");
      delete.setLong(1, id);
      return delete.executeUpdate() == 1;
    });
  }

  public void replaceChain(long keyId, List<byte[]> certificates) throws KeychainException {
    transaction(() -> {
      PreparedStatement delete = statement("DELETE FROM chains WHERE key_id = ?");
      delete.setLong(1, keyId);
      delete.executeUpdate();
      PreparedStatement insert =
          statement("INSERT INTO chains(key_id, position, certificate) VALUES (?, ?, ?)");
      for (int position = 0; position < certificates.size(); position++) {
        insert.setLong(1, keyId);
        insert.setInt(2, position);
        insert.setBytes(3, certificates.get(position));
        insert.executeUpdate();
      }
      return null;
    });
  }

  public synchronized List<byte[]> chain(long keyId) throws KeychainException {
    try {
      PreparedStatement select =
          statement("SELECT certificate FROM chains WHERE key_id = ? ORDER BY position");
      select.setLong(1, keyId);
      List<byte[]> certificates = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          certificates.add(rows.getBytes(1));
        }
      }
      return certificates;
    } catch (SQLException e) {
      throw storageFailure("read a certificate chain", e);
    }
  }

  /**
   * Inserts a secret or certificate item.
   *
   * @throws DuplicateItemException if an item of the class has the tag
   */
  public void insertData(ItemClass itemClass, SealedItemRow row, @Nullable String algorithm)
      throws KeychainException {
    transaction(() -> {
      PreparedStatement insert =
          statement(
              "INSERT INTO items(id, class, tag, label, created, algorithm, data)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?)");
      insert.setLong(1, row.id());
      insert.setString(2, itemClass.name());
      insert.setString(3, row.tag());
      setNullableString(insert, 4, row.label());
      insert.setLong(5, row.created().toEpochMilli());
      setNullableString(insert, 6, algorithm);
      insert.setBytes(7, row.data());
      executeInsert(insert, itemClass, row.tag());
      return null;
    });
  }

  public synchronized Optional<SealedItemRow> findData(ItemClass itemClass, String tag)
      throws KeychainException {
    try {
      PreparedStatement select =
          statement("SELECT id, tag, label, created, data FROM items WHERE class = ? AND tag = ?");
      select.setString(1, itemClass.name());
      select.setString(2, tag);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(dataRow(rows)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw storageFailure("read item '" + tag + "'", e);
    }
  }

  public synchronized List<SealedItemRow> allData(ItemClass itemClass) throws KeychainException {
    try {
      PreparedStatement select =
          statement("SELECT id, tag, label, created, data FROM items WHERE class = ? ORDER BY tag");
      select.setString(1, itemClass.name());
      List<SealedItemRow> items = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          items.add(dataRow(rows));
        }
      }
      return items;
    } catch (SQLException e) {
      throw storageFailure("list the items", e);
    }
  }

  private static SealedItemRow dataRow(ResultSet rows) throws SQLException {
    return new SealedItemRow(
        rows.getLong("id"),
        rows.getString("tag"),
        rows.getString("label"),
        Instant.ofEpochMilli(rows.getLong("created")),
        rows.getBytes("data"));
  }

  /** Deletes the item of a class by tag; IDENTITY deletes the key. Returns whether it existed. */
  public boolean delete(ItemClass itemClass, String tag) throws KeychainException {
    return transaction(() -> {
      PreparedStatement delete;
      if (itemClass == ItemClass.IDENTITY) {
        delete =
            statement(
                "DELETE FROM items WHERE class = 'KEY' AND tag = ?"
                    + " AND EXISTS (SELECT 1 FROM chains WHERE chains.key_id = items.id)");
        delete.setString(1, tag);
      } else {
        delete = statement("DELETE FROM items WHERE class = ? AND tag = ?");
        delete.setString(1, itemClass.name());
        delete.setString(2, tag);
      }
      return delete.executeUpdate() == 1;
    });
  }

  /** Lists the items matching the query, ordered by class and tag. */
  public synchronized List<ItemInfo> query(ItemQuery query) throws KeychainException {
    StringBuilder sql =
        new StringBuilder(
            "SELECT class, tag, label, created, algorithm,"
                + " EXISTS (SELECT 1 FROM chains WHERE chains.key_id = items.id) AS has_chain"
                + " FROM items WHERE 1 = 1");
    List<String> arguments = new ArrayList<>();
    Optional<ItemClass> itemClass = query.itemClass();
    if (itemClass.isPresent()) {
      sql.append(" AND class = ?");
      if (itemClass.get() == ItemClass.IDENTITY) {
        arguments.add(ItemClass.KEY.name());
        sql.append(" AND EXISTS (SELECT 1 FROM chains WHERE chains.key_id = items.id)");
      } else {
        arguments.add(itemClass.get().name());
      }
    }
    if (query.tag().isPresent()) {
      sql.append(" AND tag = ?");
      arguments.add(query.tag().get());
    }
    if (query.label().isPresent()) {
      sql.append(" AND label = ?");
      arguments.add(query.label().get());
    }
    if (query.algorithm().isPresent()) {
      sql.append(" AND algorithm = ?");
      arguments.add(query.algorithm().get().name());
    }
    sql.append(" ORDER BY class, tag");

    try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
      for (int i = 0; i < arguments.size(); i++) {
        select.setString(i + 1, arguments.get(i));
      }
      List<ItemInfo> items = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ItemClass rowClass = ItemClass.valueOf(rows.getString("class"));
          if (itemClass.isPresent() && itemClass.get() == ItemClass.IDENTITY) {
            rowClass = ItemClass.IDENTITY;
          }
          String algorithm = rows.getString("algorithm");
          items.add(
              new ItemInfo(
                  rowClass,
                  rows.getString("tag"),
                  rows.getString("label"),
                  Instant.ofEpochMilli(rows.getLong("created")),
                  algorithm == null ? null : KeyAlgorithm.valueOf(algorithm)));
        }
      }
      return items;
    } catch (SQLException | IllegalArgumentException e) {
      throw new KeychainStorageException(
          "Cannot list the items of the keychain in " + directory + ": " + e.getMessage(), e);
    }
  }

  /** Counts the items per class; IDENTITY counts the keys that have a chain. */
  public synchronized Map<ItemClass, Integer> counts() throws KeychainException {
    Map<ItemClass, Integer> counts = new EnumMap<>(ItemClass.class);
    try (ResultSet rows =
        statement("SELECT class, COUNT(*) FROM items GROUP BY class").executeQuery()) {
      while (rows.next()) {
        counts.put(ItemClass.valueOf(rows.getString(1)), rows.getInt(2));
      }
    } catch (SQLException e) {
      throw storageFailure("count the items", e);
    }
    try (ResultSet rows = statement("SELECT COUNT(DISTINCT key_id) FROM chains").executeQuery()) {
      rows.next();
      counts.put(ItemClass.IDENTITY, rows.getInt(1));
    } catch (SQLException e) {
      throw storageFailure("count the identities", e);
    }
    return counts;
  }

  private void executeInsert(PreparedStatement insert, ItemClass itemClass, String tag)
      throws SQLException, DuplicateItemException {
    try {
      insert.executeUpdate();
    } catch (SQLException e) {
      if (e.getErrorCode() == SQLiteErrorCode.SQLITE_CONSTRAINT.code
          && String.valueOf(e.getMessage()).contains("UNIQUE")) {
        throw new DuplicateItemException(
            "An item of class " + itemClass + " with tag '" + tag + "' already exists: choose"
                + " another tag or delete the existing item first");
      }
      throw e;
    }
  }

  private static void setNullableString(PreparedStatement statement, int index, @Nullable String value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, value);
    }
  }

  private PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
    }
    return statement;
  }

  private KeychainStorageException storageFailure(String action, SQLException e) {
    return new KeychainStorageException(
        "Cannot " + action + " in " + directory + ": " + e.getMessage()
            + ". Check that the directory is writable and not on a network file system",
        e);
  }

  @Override
  public synchronized void close() {
    for (PreparedStatement statement : statements.values()) {
      try {
        statement.close();
      } catch (SQLException e) {
        // Closing the connection below releases it anyway.
      }
    }
    statements.clear();
    try {
      connection.close();
    } catch (SQLException e) {
      // Nothing left to release.
    }
  }
}
