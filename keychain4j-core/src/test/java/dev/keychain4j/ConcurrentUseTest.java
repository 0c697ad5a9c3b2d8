package dev.keychain4j;

import static dev.keychain4j.contract.KeychainContract.MESSAGE;
import dev.keychain4j.contract.KeychainContract;
import static dev.keychain4j.contract.KeychainContract.PASSPHRASE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several threads and two keychain instances (two database connections) on one limited key. */
class ConcurrentUseTest {
  private static final int LIMIT = 40;

  @TempDir Path temp;

  @Test
  void usageLimitNeverExceeded() throws Exception {
    Path directory = temp.resolve("keychain");
    try (Keychain first = Keychain.create(directory, PASSPHRASE);
        Keychain second = Keychain.open(directory, PASSPHRASE)) {
      first.generateKey(
          "limited",
          KeyParameters.builder(KeyAlgorithm.ED25519).purposes(Purpose.SIGN).usageLimit(LIMIT).build());
      AtomicInteger signatures = new AtomicInteger();
      AtomicInteger notFound = new AtomicInteger();
      List<Throwable> unexpected = new ArrayList<>();

      ExecutorService threads = Executors.newFixedThreadPool(6);
      List<Future<?>> tasks = new ArrayList<>();
      for (int thread = 0; thread < 6; thread++) {
        Keychain keychain = thread % 2 == 0 ? first : second;
        tasks.add(threads.submit(() -> {
          for (int i = 0; i < 15; i++) {
            try {
              keychain.sign("limited", SignatureSpec.ed25519(), MESSAGE);
              signatures.incrementAndGet();
            } catch (ItemNotFoundException e) {
              notFound.incrementAndGet();
            } catch (Exception e) {
              synchronized (unexpected) {
                unexpected.add(e);
              }
            }
          }
        }));
      }
      for (Future<?> task : tasks) {
        task.get();
      }
      threads.shutdown();
      assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

      assertThat(unexpected).isEmpty();
      assertThat(signatures.get()).isEqualTo(LIMIT);
      assertThat(notFound.get()).isEqualTo(6 * 15 - LIMIT);
      assertThat(first.query(ItemQuery.builder().tag("limited").build())).isEmpty();
    }
  }

  @Test
  void unlimitedKeySignsFromManyThreads() throws Exception {
    try (Keychain keychain = Keychain.create(temp.resolve("keychain"), PASSPHRASE)) {
      keychain.generateKey("k", KeychainContract.signing(KeyAlgorithm.EC_P256));
      ExecutorService threads = Executors.newFixedThreadPool(4);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        results.add(threads.submit(() -> {
          byte[] signature = keychain.sign("k", SignatureSpec.ecdsa(Digest.SHA256), MESSAGE);
          return keychain.verify("k", SignatureSpec.ecdsa(Digest.SHA256), MESSAGE, signature);
        }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
      threads.shutdown();
    }
  }
}
