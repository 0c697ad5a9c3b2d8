package dev.keychain4j.attestation.android.internal;

import dev.keychain4j.attestation.android.RevocationList;
import dev.keychain4j.attestation.android.RevocationListException;
import dev.keychain4j.attestation.android.RevocationSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A status list in a file, parsed again when the file's modification time changes. */
public final class FileRevocationSource implements RevocationSource {
  private final Path file;
  private @Nullable FileTime loadedModified;
  private @Nullable RevocationList loaded;

  public FileRevocationSource(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  @Override
  public synchronized RevocationList current() throws RevocationListException {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      if (loaded == null || !modified.equals(loadedModified)) {
        loaded = RevocationList.parse(Files.readAllBytes(file));
        loadedModified = modified;
      }
      return loaded;
    } catch (IOException e) {
      throw new RevocationListException(
          "cannot read status list " + file + ": " + e.getMessage(), e);
    }
  }
}
