package dev.keychain4j.attestation.apple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CounterStoreTest {
  private static final byte[] KEY_ID = new byte[32];

  @TempDir Path directory;

  private @org.jspecify.annotations.Nullable SqliteCounterStore sqlite;

  enum Kind {
    IN_MEMORY,
    SQLITE
  }

  private AssertionCounterStore open(Kind kind) throws Exception {
    if (kind == Kind.IN_MEMORY) {
      return new InMemoryCounterStore();
    }
    sqlite = SqliteCounterStore.open(directory.resolve("counters.db"));
    return sqlite;
  }

  @AfterEach
  void close() throws Exception {
    if (sqlite != null) {
      sqlite.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void registerThenAdvance(Kind kind) throws Exception {
    AssertionCounterStore store = open(kind);

    assertThat(store.register(KEY_ID, 0)).isTrue();

    assertThat(store.advance(KEY_ID, 1)).isEqualTo(AssertionCounterStore.Update.ADVANCED);
    assertThat(store.counter(KEY_ID)).hasValue(1);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void registerTwiceKeepsCounter(Kind kind) throws Exception {
    AssertionCounterStore store = open(kind);

    store.register(KEY_ID, 7);

    assertThat(store.register(KEY_ID, 0)).isFalse();
    assertThat(store.counter(KEY_ID)).hasValue(7);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void equalOrLowerIsNotIncreased(Kind kind) throws Exception {
    AssertionCounterStore store = open(kind);

    store.register(KEY_ID, 7);

    assertThat(store.advance(KEY_ID, 7)).isEqualTo(AssertionCounterStore.Update.NOT_INCREASED);
    assertThat(store.advance(KEY_ID, 3)).isEqualTo(AssertionCounterStore.Update.NOT_INCREASED);
    assertThat(store.counter(KEY_ID)).hasValue(7);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void unregisteredIsUnknownKey(Kind kind) throws Exception {
    AssertionCounterStore store = open(kind);

    assertThat(store.advance(KEY_ID, 1)).isEqualTo(AssertionCounterStore.Update.UNKNOWN_KEY);
    assertThat(store.counter(KEY_ID)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void maxCounterIsStored(Kind kind) throws Exception {
    AssertionCounterStore store = open(kind);

    store.register(KEY_ID, 0);

    assertThat(store.advance(KEY_ID, AssertionCounterStore.MAX_COUNTER))
        .isEqualTo(AssertionCounterStore.Update.ADVANCED);
    assertThat(store.counter(KEY_ID)).hasValue(AssertionCounterStore.MAX_COUNTER);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void outOfRangeCounterIsIllegal(Kind kind) throws Exception {
    AssertionCounterStore store = open(kind);

    assertThatThrownBy(() -> store.advance(KEY_ID, AssertionCounterStore.MAX_COUNTER + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> store.register(KEY_ID, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @org.junit.jupiter.api.Test
  void sqlitePathWithQuestionMarkIsIllegal() {
    assertThatThrownBy(() -> SqliteCounterStore.open(directory.resolve("counters?mode=memory.db")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without '?'");
  }
}
