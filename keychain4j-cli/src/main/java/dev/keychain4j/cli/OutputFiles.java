package dev.keychain4j.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Writes output files named on the command line. */
final class OutputFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

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

  /**
   * Prepares an output file before the private-key operation that produces its content: creates a
   * temporary file in the target's directory, so a missing directory or a denied write fails before
   * the operation can use up a use of the key. {@link PreparedOutput#commit} then writes the content
   * and moves it into place atomically.
   *
   * @param secret whether only the owner may read the file (mode 0600), as for a decrypted message
   */
  static PreparedOutput prepare(Path file, boolean secret) throws IOException {
    try {
      if (Files.isDirectory(file)) {
        throw new IOException("it is a directory");
      }
      Path directory = file.toAbsolutePath().getParent();
      boolean posix = Files.getFileStore(directory).supportsFileAttributeView("posix");
      // createTempFile gives mode 0600 on POSIX file systems, so a secret is never readable by others.
      Path temporary = Files.createTempFile(directory, "." + file.getFileName() + ".", ".tmp");
      return new PreparedOutput(file, temporary, secret || !posix ? null : PUBLIC);
    } catch (IOException e) {
      throw new IOException("cannot write output file " + file + ": " + describe(e), e);
    }
  }

  /** A temporary file that becomes the output file on {@link #commit}, or is deleted on close. */
  static final class PreparedOutput implements AutoCloseable {
    private final Path file;
    private final Path temporary;
    private final @Nullable Set<PosixFilePermission> permissions;
    private boolean committed;

    private PreparedOutput(Path file, Path temporary, @Nullable Set<PosixFilePermission> permissions) {
      this.file = file;
      this.temporary = temporary;
      this.permissions = permissions;
    }

    /** Writes {@code data} and moves it into place, replacing an existing file. */
    void commit(byte[] data) throws IOException {
      try {
        Files.write(temporary, data);
        if (permissions != null) {
          Files.setPosixFilePermissions(temporary, permissions);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
      } catch (IOException e) {
        throw new IOException("cannot write output file " + file + ": " + describe(e), e);
      }
    }

    /** Deletes the temporary file unless it was committed. */
    @Override
    public void close() throws IOException {
      if (!committed) {
        Files.deleteIfExists(temporary);
      }
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
