package dev.keychain4j;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Reads and writes backup files; a new file gets mode 0600 before any byte is written. */
final class BackupFiles {
  /** Larger files are rejected before reading: a backup contains at most a few thousand items. */
  private static final long MAX_BACKUP_BYTES = 1L << 30;

  private BackupFiles() {}

  static void write(Path file, byte[] contents) throws KeychainStorageException {
    Path absolute = file.toAbsolutePath();
    Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
    try {
      Files.deleteIfExists(temporary);
      Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(temporary, contents);
      Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new KeychainStorageException("Cannot write the backup " + file + ": " + e.getMessage(), e);
    }
  }

  static byte[] read(Path file) throws KeychainStorageException {
    try {
      if (Files.size(file) > MAX_BACKUP_BYTES) {
        throw new KeychainStorageException(
            "The file " + file + " is larger than 1 GiB, so it is not a keychain4j backup");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new KeychainStorageException("Backup file " + file + " not found: check the path", e);
    } catch (AccessDeniedException e) {
      throw new KeychainStorageException("Cannot read the backup " + file + ": permission denied", e);
    } catch (IOException e) {
      throw new KeychainStorageException("Cannot read the backup " + file + ": " + e.getMessage(), e);
    }
  }
}
