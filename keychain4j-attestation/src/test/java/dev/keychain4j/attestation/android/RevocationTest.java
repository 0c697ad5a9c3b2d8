package dev.keychain4j.attestation.android;

import static dev.keychain4j.attestation.android.TestChains.AFTER_2016_ROOT_EXPIRY;
import static dev.keychain4j.attestation.android.TestChains.clockAt;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.keychain4j.attestation.android.internal.HttpRevocationSource;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevocationTest {
  private static final List<X509Certificate> CHAIN =
      TestChains.chain("devices/blueline/sdk28/TEE_EC_NONE.pem");

  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicReference<String> body = new AtomicReference<>("{\"entries\":{}}");
  private final AtomicInteger status = new AtomicInteger(200);
  private final AtomicReference<String> cacheControl = new AtomicReference<>("max-age=3600");

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/attestation/status",
        exchange -> {
          requests.incrementAndGet();
          byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Cache-Control", cacheControl.get());
          exchange.sendResponseHeaders(status.get(), bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private URI statusUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/attestation/status");
  }

  private static String listRevoking(String serialKey, String statusName) {
    return "{\"entries\":{\""
        + serialKey
        + "\":{\"status\":\""
        + statusName
        + "\",\"reason\":\"KEY_COMPROMISE\"}}}";
  }

  private static AndroidAttestationVerifier verifierWith(RevocationSource source) {
    return AndroidAttestationVerifier.builder()
        .revocationSource(source)
        .clock(clockAt(AFTER_2016_ROOT_EXPIRY))
        .build();
  }

  @Test
  void revokedIntermediateFromUrlRejected() {
    String intermediateSerial = CHAIN.get(1).getSerialNumber().toString(16);
    body.set(listRevoking(intermediateSerial, "REVOKED"));

    AndroidAttestationResult result =
        verifierWith(RevocationSource.fromUrl(statusUrl(), Duration.ofHours(1))).verify(CHAIN);

    assertThat(result.reason()).isEqualTo(ReasonCode.REVOKED);
    assertThat(result.certificateIndex()).hasValue(1);
  }

  @Test
  void everyCertificateIsChecked() {
    for (int index = 0; index < CHAIN.size(); index++) {
      String serial = CHAIN.get(index).getSerialNumber().toString(16);
      RevocationSource source =
          () ->
              RevocationList.parse(
                  listRevoking(serial, "SUSPENDED").getBytes(StandardCharsets.UTF_8));

      AndroidAttestationResult result = verifierWith(source).verify(CHAIN);

      assertThat(result.reason()).as("certificate %d", index).isEqualTo(ReasonCode.REVOKED);
      assertThat(result.certificateIndex()).hasValue(index);
    }
  }

  @Test
  void serialsCompareAsNumbers() throws Exception {
    BigInteger serial = CHAIN.get(2).getSerialNumber();
    String padded = "000" + serial.toString(16).toUpperCase(java.util.Locale.ROOT);
    RevocationList list =
        RevocationList.parse(listRevoking(padded, "REVOKED").getBytes(StandardCharsets.UTF_8));

    assertThat(list.status(serial)).isPresent();
    assertThat(verifierWith(RevocationSource.of(list)).verify(CHAIN).reason())
        .isEqualTo(ReasonCode.REVOKED);
  }

  @Test
  void sampleListDoesNotRevokeRealChain() throws Exception {
    Path sample = TestChains.resourceDirectory("revocation-status-sample.json");

    AndroidAttestationResult result = verifierWith(RevocationSource.fromFile(sample)).verify(CHAIN);

    assertThat(result.reason()).isEqualTo(ReasonCode.OK);
    assertThat(result.warnings())
        .extracting(AttestationWarning::code)
        .doesNotContain(
            WarningCode.REVOCATION_NOT_CHECKED, WarningCode.REVOCATION_LIST_UNAVAILABLE);
    assertThat(
            RevocationList.parse(Files.readAllBytes(sample))
                .status(new BigInteger("cc66e9a93713b6e643b26c15879786f7", 16)))
        .hasValueSatisfying(entry -> assertThat(entry.status()).isEqualTo("SUSPENDED"));
  }

  @Test
  void revokedSerialFromFileRejected(@TempDir Path directory) throws IOException {
    Path file = directory.resolve("status.json");
    Files.writeString(file, listRevoking(CHAIN.get(3).getSerialNumber().toString(16), "REVOKED"));

    AndroidAttestationResult result = verifierWith(RevocationSource.fromFile(file)).verify(CHAIN);

    assertThat(result.reason()).isEqualTo(ReasonCode.REVOKED);
    assertThat(result.certificateIndex()).hasValue(3);
  }

  @Test
  void urlListIsCached() {
    HttpRevocationSource source =
        new HttpRevocationSource(statusUrl(), Duration.ofHours(1), Duration.ofDays(1));
    AndroidAttestationVerifier verifier = verifierWith(source);

    for (int i = 0; i < 5; i++) {
      assertThat(verifier.verify(CHAIN).reason()).isEqualTo(ReasonCode.OK);
    }

    assertThat(requests.get()).isEqualTo(1);
    assertThat(source.fetchCount()).isEqualTo(1);
  }

  @Test
  void urlListRefetchedWhenMaxAgeIsZero() {
    cacheControl.set("max-age=0");
    AndroidAttestationVerifier verifier =
        verifierWith(RevocationSource.fromUrl(statusUrl(), Duration.ofHours(1)));

    verifier.verify(CHAIN);
    verifier.verify(CHAIN);

    assertThat(requests.get()).isEqualTo(2);
  }

  @Test
  void unavailableListFailsClosed() {
    status.set(500);

    AndroidAttestationResult result =
        verifierWith(RevocationSource.fromUrl(statusUrl(), Duration.ofHours(1))).verify(CHAIN);

    assertThat(result.reason()).isEqualTo(ReasonCode.REVOCATION_LIST_UNAVAILABLE);
    assertThat(result.failedRule()).hasValueSatisfying(rule -> assertThat(rule).contains("500"));
  }

  @Test
  void malformedListFailsClosed() {
    body.set("{\"entries\":{\"not-hex\":{\"status\":\"REVOKED\"}}}");

    AndroidAttestationResult result =
        verifierWith(RevocationSource.fromUrl(statusUrl(), Duration.ofHours(1))).verify(CHAIN);

    assertThat(result.reason()).isEqualTo(ReasonCode.REVOCATION_LIST_UNAVAILABLE);
  }

  @Test
  void unavailableListFailsOpenWhenChosen() {
    status.set(503);
    AndroidAttestationVerifier failOpen =
        AndroidAttestationVerifier.builder()
            .revocationSource(RevocationSource.fromUrl(statusUrl(), Duration.ofHours(1)))
            .insecureFailOpenWhenRevocationListUnavailable()
            .clock(clockAt(AFTER_2016_ROOT_EXPIRY))
            .build();

    AndroidAttestationResult result = failOpen.verify(CHAIN);

    assertThat(result.reason()).isEqualTo(ReasonCode.OK);
    assertThat(result.warnings())
        .extracting(AttestationWarning::code)
        .startsWith(WarningCode.REVOCATION_LIST_UNAVAILABLE)
        .doesNotContain(WarningCode.REVOCATION_NOT_CHECKED);
  }

  @Test
  void staleListUsedWhenRefetchFails() {
    cacheControl.set("max-age=0");
    AndroidAttestationVerifier verifier =
        verifierWith(RevocationSource.fromUrl(statusUrl(), Duration.ofHours(1)));
    body.set(listRevoking(CHAIN.get(1).getSerialNumber().toString(16), "REVOKED"));
    assertThat(verifier.verify(CHAIN).reason()).isEqualTo(ReasonCode.REVOKED);

    status.set(500);

    assertThat(verifier.verify(CHAIN).reason()).isEqualTo(ReasonCode.REVOKED);
    assertThat(requests.get()).isEqualTo(2);
  }
}
