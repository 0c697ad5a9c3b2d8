package dev.keychain4j.internal.store;

import dev.keychain4j.KeychainStorageException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of a keychain directory and their permissions: the directory 0700 (unless it contains
 * other files), the database and its {@code -wal} and {@code -shm} files 0600. Permissions are set
 * before SQLite writes anything.
 */
final class StoreFiles {
  private static final Logger LOG = LoggerFactory.getLogger(StoreFiles.class);

  static final String DATABASE = "keychain.db";
  static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

  private StoreFiles() {}

  static Path database(Path directory) {
    return directory.resolve(DATABASE);
  }

  static List<Path> databaseFiles(Path directory) {
    Path database = database(directory);
    return List.of(
        database,
        database.resolveSibling(DATABASE + "-wal"),
        database.resolveSibling(DATABASE + "-shm"));
  }

  /** Creates the directory and an empty database file with private permissions. */
  static void prepareForCreate(Path directory) throws KeychainStorageException {
    try {
      if (isPosix(directory)) {
        if (!Files.isDirectory(directory)) {
          Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
        }
        restrictDirectory(directory);
        // SQLite's unix VFS gives the -wal and -shm files the mode of the database file, so
        // creating that file first with 0600 covers all three.
        Path database = database(directory);
        try {
          Files.createFile(database, PosixFilePermissions.asFileAttribute(FILE_MODE));
        } catch (FileAlreadyExistsException e) {
          Files.setPosixFilePermissions(database, FILE_MODE);
        }
      } else {
        Files.createDirectories(directory);
        LOG.warn(
            "File system of {} has no POSIX permissions: protect the keychain directory with the"
                + " operating system's access control",
            directory);
      }
    } catch (IOException e) {
      throw new KeychainStorageException(
          "Cannot create the keychain directory " + directory + ": " + e.getMessage(), e);
    }
  }

  /** Restores private permissions on existing files, warning when they had been widened. */
  static void enforcePermissions(Path directory) throws KeychainStorageException {
    try {
      if (!isPosix(directory)) {
        return;
      }
      restrictDirectory(directory);
      for (Path file : databaseFiles(directory)) {
        if (Files.exists(file)) {
          restrict(file, FILE_MODE);
        }
      }
    } catch (IOException e) {
      throw new KeychainStorageException(
          "Cannot set private permissions in " + directory + ": " + e.getMessage(), e);
    }
  }

  /**
   * Sets the directory to 0700 when it contains nothing but keychain files. A directory with other
   * files (a home directory given by mistake, say) keeps its mode, with a warning. The database
   * files are 0600 in any case.
   */
  private static void restrictDirectory(Path directory) throws IOException {
    List<String> keychainFiles = new java.util.ArrayList<>();
    for (Path file : databaseFiles(directory)) {
      keychainFiles.add(file.getFileName().toString());
    }
    keychainFiles.add(DATABASE + "-journal");
    boolean dedicated;
    try (java.util.stream.Stream<Path> entries = Files.list(directory)) {
      dedicated = entries.allMatch(entry -> keychainFiles.contains(entry.getFileName().toString()));
    }
    if (dedicated) {
      restrict(directory, DIRECTORY_MODE);
    } else if (!Files.getPosixFilePermissions(directory).equals(DIRECTORY_MODE)) {
      LOG.warn(
          "Keychain directory {} contains other files, so its permissions stay {}; keep a keychain"
              + " in a directory of its own",
          directory,
          PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
    }
  }

  private static void restrict(Path path, Set<PosixFilePermission> mode) throws IOException {
    Set<PosixFilePermission> current = Files.getPosixFilePermissions(path);
    if (!current.equals(mode)) {
      LOG.warn(
          "Permissions of {} were {}; setting them to {}",
          path,
          PosixFilePermissions.toString(current),
          PosixFilePermissions.toString(mode));
      Files.setPosixFilePermissions(path, mode);
    }
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
