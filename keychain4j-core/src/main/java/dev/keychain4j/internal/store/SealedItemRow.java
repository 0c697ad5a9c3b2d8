package dev.keychain4j.internal.store;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A stored secret (sealed bytes) or certificate (DER bytes). */
@SuppressWarnings("ArrayRecordComponent")
public record SealedItemRow(long id, String tag, @Nullable String label, Instant created, byte[] data) {}
