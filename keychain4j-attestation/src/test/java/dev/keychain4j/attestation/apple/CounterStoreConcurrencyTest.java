package dev.keychain4j.attestation.apple;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two assertions with the same counter verified at the same time on real threads: exactly one may
 * pass. Each round starts all threads together behind a latch to make the race likely.
 */
class CounterStoreConcurrencyTest {
  private static final int ROUNDS = 50;
  private static final int THREADS = 4;

  private final Sample sample = Sample.load();

  @TempDir Path directory;

  private ECPublicKey attestedKey() throws Exception {
    return sample
        .verifier()
        .verifyAttestation(
            sample.attestationObject(), sample.keyId(), sample.clientDataHash(), sample.verifyAt())
        .publicKey();
  }

  /** Runs the real assertion once per verifier, all at once, and returns how many passed. */
  private int race(List<AppAssertionVerifier> verifiers, ECPublicKey key) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(verifiers.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> outcomes = new ArrayList<>();
      for (AppAssertionVerifier verifier : verifiers) {
        Callable<Boolean> attempt =
            () -> {
              start.await();
              try {
                verifier.verifyAssertion(sample.assertion(), sample.assertionClientDataHash(), key);
                return true;
              } catch (AppAttestException e) {
                assertThat(e.reason()).isEqualTo(AppAttestReason.COUNTER_NOT_INCREASED);
                return false;
              }
            };
        outcomes.add(pool.submit(attempt));
      }
      start.countDown();
      int passed = 0;
      for (Future<Boolean> outcome : outcomes) {
        if (outcome.get(30, TimeUnit.SECONDS)) {
          passed++;
        }
      }
      return passed;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void inMemorySameCounterPassesOnce() throws Exception {
    ECPublicKey key = attestedKey();
    for (int round = 0; round < ROUNDS; round++) {
      InMemoryCounterStore store = new InMemoryCounterStore();
      store.register(sample.keyId(), 0);
      List<AppAssertionVerifier> verifiers = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        verifiers.add(
            AppAssertionVerifier.builder().appId(sample.appId()).counterStore(store).build());
      }

      assertThat(race(verifiers, key)).as("round %d", round).isEqualTo(1);
      assertThat(store.counter(sample.keyId())).hasValue(1);
    }
  }

  @Test
  void sqliteTwoConnectionsPassOnce() throws Exception {
    ECPublicKey key = attestedKey();
    for (int round = 0; round < ROUNDS; round++) {
      Path file = directory.resolve("counters-" + round + ".db");
      try (SqliteCounterStore first = SqliteCounterStore.open(file);
          SqliteCounterStore second = SqliteCounterStore.open(file)) {
        first.register(sample.keyId(), 0);
        List<AppAssertionVerifier> verifiers =
            List.of(
                AppAssertionVerifier.builder().appId(sample.appId()).counterStore(first).build(),
                AppAssertionVerifier.builder().appId(sample.appId()).counterStore(second).build());

        assertThat(race(verifiers, key)).as("round %d", round).isEqualTo(1);
        assertThat(second.counter(sample.keyId())).hasValue(1);
      }
    }
  }

  @Test
  void sqliteStoreAdvancesOncePerCounter() throws Exception {
    Path file = directory.resolve("advance.db");
    byte[] keyId = sample.keyId();
    try (SqliteCounterStore first = SqliteCounterStore.open(file);
        SqliteCounterStore second = SqliteCounterStore.open(file)) {
      first.register(keyId, 0);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        for (long counter = 1; counter <= 50; counter++) {
          long value = counter;
          CountDownLatch start = new CountDownLatch(1);
          Future<AssertionCounterStore.Update> a =
              pool.submit(
                  () -> {
                    start.await();
                    return first.advance(keyId, value);
                  });
          Future<AssertionCounterStore.Update> b =
              pool.submit(
                  () -> {
                    start.await();
                    return second.advance(keyId, value);
                  });
          start.countDown();

          List<AssertionCounterStore.Update> updates =
              List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));
          assertThat(updates)
              .as("counter %d", value)
              .containsExactlyInAnyOrder(
                  AssertionCounterStore.Update.ADVANCED,
                  AssertionCounterStore.Update.NOT_INCREASED);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(first.counter(keyId)).hasValue(50);
    }
  }
}
