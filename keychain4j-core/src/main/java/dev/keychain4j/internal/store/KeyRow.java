package dev.keychain4j.internal.store;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A stored key item. {@code authorizations} is the canonical encoding the element authenticates;
 * {@code remainingUses} and {@code counterMac} are set only for keys with a usage limit.
 */
@SuppressWarnings("ArrayRecordComponent")
public record KeyRow(
    long id,
    String tag,
    @Nullable String label,
    Instant created,
    String algorithm,
    byte[] authorizations,
    byte[] reference,
    byte[] publicKey,
    @Nullable Integer remainingUses,
    byte @Nullable [] counterMac,
    boolean hasChain) {}
