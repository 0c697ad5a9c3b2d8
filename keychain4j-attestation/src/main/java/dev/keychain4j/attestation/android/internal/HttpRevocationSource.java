package dev.keychain4j.attestation.android.internal;

import dev.keychain4j.attestation.android.RevocationList;
import dev.keychain4j.attestation.android.RevocationListException;
import dev.keychain4j.attestation.android.RevocationSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A status list fetched over HTTP and reused until it is older than the response's {@code max-age}
 * (or the default). A failed fetch falls back to a list no older than {@code maxStale}.
 */
public final class HttpRevocationSource implements RevocationSource {
  private static final Logger LOG = LoggerFactory.getLogger(HttpRevocationSource.class);
  private static final Pattern MAX_AGE = Pattern.compile("max-age=(\\d{1,9})");
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI url;
  private final Duration defaultMaxAge;
  private final Duration maxStale;
  private final HttpClient client;
  private @Nullable RevocationList cached;
  private Instant fetchedAt = Instant.MIN;
  private Duration cachedMaxAge = Duration.ZERO;
  private int fetchCount;

  public HttpRevocationSource(URI url, Duration defaultMaxAge, Duration maxStale) {
    this.url = Objects.requireNonNull(url, "url");
    String scheme = url.getScheme();
    if (!"https".equals(scheme) && !"http".equals(scheme)) {
      throw new IllegalArgumentException("status list URL must be http or https, got " + url);
    }
    if (defaultMaxAge.isNegative() || maxStale.isNegative()) {
      throw new IllegalArgumentException("cache durations must not be negative");
    }
    this.defaultMaxAge = defaultMaxAge;
    this.maxStale = maxStale;
    this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  /** Returns the number of HTTP requests sent so far. */
  public synchronized int fetchCount() {
    return fetchCount;
  }

  @Override
  public synchronized RevocationList current() throws RevocationListException {
    Instant now = Instant.now();
    if (cached != null && now.isBefore(fetchedAt.plus(cachedMaxAge))) {
      return cached;
    }
    try {
      fetch(now);
      return Objects.requireNonNull(cached);
    } catch (RevocationListException e) {
      if (cached != null && now.isBefore(fetchedAt.plus(maxStale))) {
        LOG.warn(
            "Using the status list fetched at {} because a new fetch failed: {}",
            fetchedAt,
            e.getMessage());
        return cached;
      }
      throw e;
    }
  }

  /**
   * Names the exception's class and the first message in its cause chain. The HTTP client's
   * connection failures (ConnectException, HttpConnectTimeoutException) often have no message.
   */
  private static String describe(IOException e) {
    String message = null;
    for (Throwable t = e; t != null && message == null; t = t.getCause()) {
      message = t.getMessage();
    }
    return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
  }

  private void fetch(Instant now) throws RevocationListException {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build();
    HttpResponse<byte[]> response;
    fetchCount++;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new RevocationListException(
          "fetching the status list from " + url + " failed: " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RevocationListException(
          "interrupted while fetching the status list from " + url, e);
    }
    if (response.statusCode() != 200) {
      throw new RevocationListException(
          "fetching the status list from "
              + url
              + " failed with HTTP status "
              + response.statusCode());
    }
    RevocationList list = RevocationList.parse(response.body());
    Duration maxAge = defaultMaxAge;
    Matcher matcher = MAX_AGE.matcher(response.headers().firstValue("Cache-Control").orElse(""));
    if (matcher.find()) {
      maxAge = Duration.ofSeconds(Long.parseLong(matcher.group(1)));
    }
    cached = list;
    fetchedAt = now;
    cachedMaxAge = maxAge;
    LOG.debug(
        "Fetched the status list from {}: {} entries, reused for {}", url, list.size(), maxAge);
  }
}
