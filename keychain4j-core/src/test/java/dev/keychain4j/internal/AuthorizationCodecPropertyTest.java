package dev.keychain4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keychain4j.Digest;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.Padding;
import dev.keychain4j.Purpose;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

class AuthorizationCodecPropertyTest {

  /** One random request to the builder: any field may be absent or break a rule. */
  record Request(
      KeyAlgorithm algorithm,
      Set<Purpose> purposes,
      Optional<Set<Digest>> digests,
      Optional<Set<Padding>> paddings,
      Optional<Instant> activeFrom,
      Optional<Instant> originationEnd,
      Optional<Instant> consumptionEnd,
      Optional<Integer> usageLimit) {

    KeyParameters build() {
      KeyParameters.Builder builder = KeyParameters.builder(algorithm).purposes(purposes);
      digests.ifPresent(builder::digests);
      paddings.ifPresent(builder::paddings);
      activeFrom.ifPresent(builder::activeFrom);
      originationEnd.ifPresent(builder::originationEnd);
      consumptionEnd.ifPresent(builder::consumptionEnd);
      usageLimit.ifPresent(builder::usageLimit);
      return builder.build();
    }
  }

  @Provide
  Arbitrary<Request> requests() {
    Arbitrary<Instant> instants =
        Arbitraries.longs()
            .between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
            .flatMap(seconds -> Arbitraries.integers().between(0, 999_999_999)
                .map(nanos -> Instant.ofEpochSecond(seconds, nanos)));
    Arbitrary<Instant> nearInstants =
        Arbitraries.longs().between(1_600_000_000L, 1_900_000_000L).map(Instant::ofEpochSecond);
    Arbitrary<Instant> anyInstant = Arbitraries.oneOf(instants, nearInstants);
    return Combinators.combine(
            Arbitraries.of(KeyAlgorithm.class),
            Arbitraries.of(Purpose.class).set(),
            Arbitraries.of(Digest.class).set().optional(0.7),
            Arbitraries.of(Padding.class).set().optional(0.5),
            anyInstant.optional(0.4),
            anyInstant.optional(0.4),
            anyInstant.optional(0.4),
            Arbitraries.integers().between(-3, Integer.MAX_VALUE).optional(0.4))
        .as(Request::new);
  }

  /** Requests that mostly follow the rules, so the round trip gets many valid parameters. */
  @Provide
  Arbitrary<Request> plausibleRequests() {
    return Arbitraries.of(KeyAlgorithm.class).flatMap(this::plausibleRequest);
  }

  private Arbitrary<Request> plausibleRequest(KeyAlgorithm algorithm) {
    Set<Purpose> allowed;
    Set<Digest> digests;
    switch (algorithm.family()) {
      case EC:
        allowed = Set.of(Purpose.SIGN, Purpose.VERIFY, Purpose.AGREE_KEY);
        digests = Set.of(Digest.NONE, Digest.SHA256, Digest.SHA384, Digest.SHA512);
        break;
      case ED25519:
        allowed = Set.of(Purpose.SIGN, Purpose.VERIFY);
        digests = Set.of(Digest.NONE);
        break;
      case X25519:
        allowed = Set.of(Purpose.AGREE_KEY);
        digests = Set.of(Digest.NONE);
        break;
      default:
        allowed = Set.of(Purpose.SIGN, Purpose.VERIFY, Purpose.ENCRYPT, Purpose.DECRYPT);
        digests = Set.of(Digest.SHA256, Digest.SHA384, Digest.SHA512);
        break;
    }
    Arbitrary<Instant> start =
        Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L)
            .flatMap(seconds -> Arbitraries.integers().between(0, 999_999_999)
                .map(nanos -> Instant.ofEpochSecond(seconds, nanos)));
    Arbitrary<Long> length = Arbitraries.longs().between(0, 1_000_000_000L);
    return Combinators.combine(
            Arbitraries.of(allowed).set().ofMinSize(1),
            Arbitraries.of(digests).set().ofMinSize(1).optional(0.6),
            start.optional(0.5),
            length.optional(0.5),
            length.optional(0.5),
            Arbitraries.integers().between(1, Integer.MAX_VALUE).optional(0.5))
        .as((purposes, digestSet, from, origination, consumption, limit) -> {
          Instant base = from.orElse(Instant.ofEpochSecond(1_700_000_000L));
          return new Request(
              algorithm,
              purposes,
              digestSet,
              Optional.empty(),
              from,
              origination.map(base::plusSeconds),
              consumption.map(base::plusSeconds),
              limit);
        });
  }

  @Property(tries = 2000)
  void builderBuildsOrRejectsWithIllegalArgument(@ForAll("requests") Request request) {
    try {
      KeyParameters parameters = request.build();
      assertThat(parameters.purposes()).isNotEmpty();
      assertThat(parameters.digests()).isNotEmpty();
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 2000)
  void encodingRoundTrips(@ForAll("plausibleRequests") Request request) throws Exception {
    KeyParameters parameters;
    try {
      parameters = request.build();
    } catch (IllegalArgumentException e) {
      Statistics.label("built").collect(false);
      return;
    }
    Statistics.label("built").collect(true);

    byte[] encoding = AuthorizationCodec.encode(parameters);

    assertThat(AuthorizationCodec.decode(encoding)).isEqualTo(parameters);
    assertThat(AuthorizationCodec.encode(AuthorizationCodec.decode(encoding))).isEqualTo(encoding);
    // Without enough valid parameters the round trip would be checked on a handful of cases.
    Statistics.label("built").coverage(coverage -> coverage.check(true).percentage(p -> p > 80));
  }

  @Property(tries = 2000)
  void editedEncodingDecodesToOtherValueOrFails(
      @ForAll("plausibleRequests") Request request,
      @ForAll @IntRange(min = 0, max = 200) int position,
      @ForAll @IntRange(min = 1, max = 255) int flip) {
    KeyParameters parameters;
    try {
      parameters = request.build();
    } catch (IllegalArgumentException e) {
      return;
    }
    byte[] encoding = AuthorizationCodec.encode(parameters);
    byte[] edited = encoding.clone();
    edited[position % edited.length] ^= (byte) flip;

    try {
      KeyParameters decoded = AuthorizationCodec.decode(edited);
      // Canonical: a different encoding never means the same authorizations.
      assertThat(decoded).isNotEqualTo(parameters);
      assertThat(AuthorizationCodec.encode(decoded)).isEqualTo(edited);
    } catch (MalformedDataException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 3000)
  void arbitraryBytesDecodeOrFailWithTypedError(@ForAll @Size(max = 80) byte[] bytes) {
    byte[] input = bytes.clone();
    if (input.length > 0 && input.length % 2 == 0) {
      // Half the inputs start like a real encoding, so the parser gets past the first checks.
      input[0] = AuthorizationCodec.VERSION;
    }
    try {
      KeyParameters decoded = AuthorizationCodec.decode(input);
      assertThat(AuthorizationCodec.encode(decoded)).isEqualTo(input);
    } catch (MalformedDataException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
