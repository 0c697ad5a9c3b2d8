package dev.keychain4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keychain4j.AuthorizationTag;
import dev.keychain4j.Digest;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.Purpose;
import dev.keychain4j.SecurityLevel;
import dev.keychain4j.internal.attestation.AuthorizationListEncoder;
import dev.keychain4j.internal.attestation.KeyDescriptionEncoder;
import dev.keychain4j.attestation.android.AuthorizationList;
import dev.keychain4j.attestation.android.KeyDescription;
import dev.keychain4j.attestation.android.KeyMintTag;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Every KeyDescription the encoder makes from valid key parameters parses with the project's
 * Android parser, without warnings, and gives back the same values.
 */
class EncoderRoundTripPropertyTest {
  @Property(tries = 300)
  void encodedParametersParseBack(
      @ForAll KeyAlgorithm algorithm,
      @ForAll("purposes") Set<Purpose> purposes,
      @ForAll("digests") Set<Digest> digests,
      @ForAll @IntRange(min = 0, max = 1000) int usageLimit,
      @ForAll("instants") Instant activeFrom,
      @ForAll @Size(max = 128) byte[] challenge,
      @ForAll SecurityLevel level)
      throws Exception {
    KeyParameters parameters = build(algorithm, purposes, digests, usageLimit, activeFrom);
    Assume.that(parameters != null);
    AuthorizationListEncoder software = new AuthorizationListEncoder();
    AuthorizationListEncoder hardware = new AuthorizationListEncoder();
    KeyDescriptionEncoder.addKeyAuthorizations(
        parameters, EnumSet.allOf(AuthorizationTag.class), level, Instant.ofEpochMilli(1_700_000_000_000L), null, software, hardware);

    KeyDescription description = KeyDescription.parse(KeyDescriptionEncoder.encode(level, challenge, software, hardware));

    assertThat(description.warnings()).isEmpty();
    assertThat(description.attestationChallenge()).isEqualTo(challenge);
    assertThat(description.attestationSecurityLevel().ordinal()).isEqualTo(level.ordinal());
    AuthorizationList list = level == SecurityLevel.SOFTWARE ? description.softwareEnforced() : description.hardwareEnforced();
    assertThat(list.purposes()).hasSameSizeAs(parameters.purposes());
    assertThat(list.integerSet(KeyMintTag.DIGEST)).hasSameSizeAs(parameters.digests());
    assertThat(list.algorithm()).hasValue(algorithm.family() == KeyAlgorithm.Family.RSA ? 1 : 3);
    assertThat(list.integer(KeyMintTag.ACTIVE_DATETIME)).hasValue(activeFrom.toEpochMilli());
    if (usageLimit > 0) {
      assertThat(list.integer(KeyMintTag.USAGE_COUNT_LIMIT)).hasValue(usageLimit);
    } else {
      assertThat(list.contains(KeyMintTag.USAGE_COUNT_LIMIT)).isFalse();
    }
    assertThat(list.integerSet(KeyMintTag.PADDING)).hasSameSizeAs(parameters.paddings());
  }

  /** Returns the parameters, or null when the combination breaks a rule of the builder. */
  private static KeyParameters build(
      KeyAlgorithm algorithm, Set<Purpose> purposes, Set<Digest> digests, int usageLimit, Instant activeFrom) {
    KeyParameters.Builder builder = KeyParameters.builder(algorithm).purposes(purposes).activeFrom(activeFrom);
    if (algorithm.family() != KeyAlgorithm.Family.ED25519 && algorithm.family() != KeyAlgorithm.Family.X25519) {
      builder.digests(digests);
    }
    if (usageLimit > 0) {
      builder.usageLimit(usageLimit);
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Provide
  Arbitrary<Set<Purpose>> purposes() {
    return Arbitraries.of(Purpose.class).set().ofMinSize(1);
  }

  @Provide
  Arbitrary<Set<Digest>> digests() {
    return Arbitraries.of(Digest.SHA256, Digest.SHA384, Digest.SHA512).set().ofMinSize(1);
  }

  @Provide
  Arbitrary<Instant> instants() {
    // Whole milliseconds, because KeyMint carries milliseconds and the encoder rounds others up.
    return Arbitraries.longs().between(0, 4_102_444_800_000L).map(Instant::ofEpochMilli);
  }

}
