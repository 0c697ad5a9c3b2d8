package dev.keychain4j.bench;

import dev.keychain4j.attestation.android.AndroidAttestationResult;
import dev.keychain4j.attestation.android.AndroidAttestationVerifier;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorResult;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Verifies the real Android attestation chains (Google's TEE samples, blueline factory chains and
 * akita remotely provisioned chains), parsing each chain from its PEM text on every call.
 *
 * <p>Compares keychain4j with its link cache, keychain4j without the cache, and the JDK's PKIX
 * {@code CertPathValidator} with revocation off. All three verify at 2024-09-20, when every
 * certificate of these chains is within its validity period. Run from the repository root (the
 * chains are read from the attestation module's test resources) or set {@code
 * -Dandroid.chains=DIR}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AndroidChainVerifyBenchmark {
  private static final Instant AT = Instant.parse("2024-09-20T00:00:00Z");

  private List<String> chains;
  private int next;
  private AndroidAttestationVerifier cached;
  private AndroidAttestationVerifier uncached;
  private Set<TrustAnchor> anchors;

  @Setup
  public void setUp() throws GeneralSecurityException, IOException {
    Path directory =
        Path.of(
            System.getProperty(
                "android.chains", "keychain4j-attestation/src/test/resources/android"));
    chains = new ArrayList<>();
    for (String name : List.of("google-sample-chains", "devices/blueline", "devices/akita")) {
      try (Stream<Path> files = Files.walk(directory.resolve(name))) {
        for (Path file :
            files
                .filter(p -> p.toString().endsWith(".pem"))
                .sorted()
                .collect(Collectors.toList())) {
          if (!file.getFileName().toString().contains("StrongBox")) {
            chains.add(Files.readString(file, StandardCharsets.US_ASCII));
          }
        }
      }
    }

    Clock clock = Clock.fixed(AT, ZoneOffset.UTC);
    cached =
        AndroidAttestationVerifier.builder().insecureSkipRevocationCheck().clock(clock).build();
    uncached =
        AndroidAttestationVerifier.builder()
            .insecureSkipRevocationCheck()
            .clock(clock)
            .linkCacheSize(0)
            .build();

    anchors = new HashSet<>();
    try (var in =
        AndroidAttestationVerifier.class.getResourceAsStream("google-hardware-roots.pem")) {
      for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        anchors.add(new TrustAnchor((X509Certificate) certificate, null));
      }
    }

    // The comparison is fair only if every verifier accepts every chain.
    for (String chain : chains) {
      AndroidAttestationResult result = cached.verifyPem(chain);
      if (!result.isTrusted() || !uncached.verifyPem(chain).isTrusted()) {
        throw new IllegalStateException("keychain4j rejects a benchmark chain: " + result);
      }
      pkix(chain);
    }
  }

  private String nextChain() {
    String chain = chains.get(next);
    next = (next + 1) % chains.size();
    return chain;
  }

  @Benchmark
  public AndroidAttestationResult keychain4jWithLinkCache() {
    return cached.verifyPem(nextChain());
  }

  @Benchmark
  public AndroidAttestationResult keychain4jWithoutLinkCache() {
    return uncached.verifyPem(nextChain());
  }

  @Benchmark
  public CertPathValidatorResult jdkPkixCertPathValidator() throws GeneralSecurityException {
    return pkix(nextChain());
  }

  private CertPathValidatorResult pkix(String pem) throws GeneralSecurityException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> chain = new ArrayList<>();
    try (ByteArrayInputStream in =
        new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))) {
      for (var certificate : factory.generateCertificates(in)) {
        chain.add((X509Certificate) certificate);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }

    // The path excludes the self-signed root, because PKIX matches the anchor by name and key.
    X509Certificate top = chain.get(chain.size() - 1);
    if (top.getSubjectX500Principal().equals(top.getIssuerX500Principal())) {
      chain.remove(chain.size() - 1);
    }
    CertPath path = factory.generateCertPath(chain);
    PKIXParameters parameters = new PKIXParameters(anchors);
    parameters.setRevocationEnabled(false);
    parameters.setDate(Date.from(AT));
    return CertPathValidator.getInstance("PKIX").validate(path, parameters);
  }
}
