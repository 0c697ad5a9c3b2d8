package dev.keychain4j.attestation.android;

import dev.keychain4j.attestation.android.internal.FileRevocationSource;
import dev.keychain4j.attestation.android.internal.HttpRevocationSource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/** Source of the current revocation status list. */
@FunctionalInterface
public interface RevocationSource {
  /** Google's status list URL. */
  URI GOOGLE_STATUS_URL = URI.create("https://android.googleapis.com/attestation/status");

  /**
   * Returns the current list.
   *
   * @throws RevocationListException when the list cannot be loaded
   */
  RevocationList current() throws RevocationListException;

  /** Returns a source with a fixed list, for tests and for callers who load the list themselves. */
  static RevocationSource of(RevocationList list) {
    Objects.requireNonNull(list, "list");
    return () -> list;
  }

  /** Returns a source that reads a JSON file, again each time its modification time changes. */
  static RevocationSource fromFile(Path file) {
    return new FileRevocationSource(file);
  }

  /**
   * Returns a source that fetches a URL with {@code java.net.http}. A list is reused for the
   * response's {@code Cache-Control: max-age}, or for {@code defaultMaxAge} when the response has
   * none. When a fetch fails, a list no older than one day is used.
   */
  static RevocationSource fromUrl(URI url, Duration defaultMaxAge) {
    return new HttpRevocationSource(url, defaultMaxAge, Duration.ofDays(1));
  }
}
