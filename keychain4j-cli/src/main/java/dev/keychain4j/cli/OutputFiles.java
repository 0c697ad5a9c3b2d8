package dev.keychain4j.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes output files named on the command line. */
final class OutputFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private OutputFiles() {}

  /** Writes a file that anyone may read, such as a signature; replaces an existing file. */
  static void write(Path file, byte[] data) throws IOException {
    try {
      Files.write(file, data);
    } catch (IOException e) {
      throw new IOException("cannot write output file " + file + ": " + describe(e), e);
    }
  }

  /**
   * Writes secret output, such as a decrypted message or an agreed secret, and replaces an existing
   * file. Only the owner may read it: mode 0600 where the file system has POSIX permissions.
   */
  static void writeSecret(Path file, byte[] data) throws IOException {
    try {
      restrictPermissions(file);
      Files.write(file, data);
    } catch (IOException e) {
      throw new IOException("cannot write output file " + file + ": " + describe(e), e);
    }
  }

  private static void restrictPermissions(Path file) throws IOException {
    if (!Files.getFileStore(file.toAbsolutePath().getParent()).supportsFileAttributeView("posix")) {
      return;
    }
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (FileAlreadyExistsException e) {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
  }

  private static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fileSystemException && fileSystemException.getReason() != null) {
      return fileSystemException.getReason();
    }
    return String.valueOf(e.getMessage());
  }
}
