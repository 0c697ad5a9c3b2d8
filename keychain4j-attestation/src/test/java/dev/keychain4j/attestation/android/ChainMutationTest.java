package dev.keychain4j.attestation.android;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mutates every certificate of real device chains, anywhere in its DER (names, extensions,
 * validity, public keys, signatures), and checks that verification ends in a result, never an
 * unchecked exception.
 */
class ChainMutationTest {
  private static final List<List<byte[]>> CHAINS =
      TestChains.pemFiles("devices").stream().map(TestChains::chain).map(TestChains::der).toList();

  // At this instant the remotely provisioned intermediates are valid, so their dates get decoded.
  private static final AndroidAttestationVerifier VERIFIER =
      TestChains.verifierAt(TestChains.AKITA_VALID).build();

  enum Mutation {
    TRUNCATE,
    FLIP,
    INSERT
  }

  record Case(int chain, int certificate, Mutation mutation, int position, int value) {}

  @Provide
  Arbitrary<Case> cases() {
    return Combinators.combine(
            Arbitraries.integers().between(0, CHAINS.size() - 1),
            Arbitraries.integers().between(0, 7),
            Arbitraries.of(Mutation.class),
            Arbitraries.integers().between(0, Integer.MAX_VALUE),
            Arbitraries.integers().between(0, 255))
        .as(Case::new);
  }

  static byte[] mutate(byte[] original, Mutation mutation, int position, int value) {
    switch (mutation) {
      case TRUNCATE:
        return Arrays.copyOf(original, position);
      case FLIP:
        {
          byte[] flipped = original.clone();
          flipped[position] ^= (byte) (1 << (value % 8));
          return flipped;
        }
      case INSERT:
        {
          byte[] inserted = new byte[original.length + 1];
          System.arraycopy(original, 0, inserted, 0, position);
          inserted[position] = (byte) value;
          System.arraycopy(original, position, inserted, position + 1, original.length - position);
          return inserted;
        }
      default:
        throw new IllegalStateException("unknown mutation " + mutation);
    }
  }

  private static List<byte[]> replace(List<byte[]> chain, int index, byte[] certificate) {
    List<byte[]> mutated = new ArrayList<>(chain);
    mutated.set(index, certificate);
    return mutated;
  }

  private static void assertTypedResult(AndroidAttestationResult result, int index) {
    assertThat(result.reason()).isNotNull();
    if (result.reason() == ReasonCode.MALFORMED_CERTIFICATE) {
      assertThat(result.certificateIndex()).hasValue(index);
      assertThat(result.failedRule()).isPresent();
    }
  }

  @Property(tries = 2000)
  void mutatedChainEndsInResult(@ForAll("cases") Case c) {
    List<byte[]> chain = CHAINS.get(c.chain());
    int index = c.certificate() % chain.size();
    byte[] original = chain.get(index);
    byte[] mutated = mutate(original, c.mutation(), c.position() % original.length, c.value());

    AndroidAttestationResult result = VERIFIER.verifyDer(replace(chain, index, mutated));

    assertTypedResult(result, index);
  }

  @Example
  void everyBitFlipInBluelineChainEndsInResult() {
    assertEveryBitFlipEndsInResult(
        TestChains.resourceDirectory("devices/blueline/sdk28/TEE_EC_NONE.pem"));
  }

  @Example
  void everyBitFlipInAkitaChainEndsInResult() {
    // The akita chains are remotely provisioned, so their intermediates' dates are decoded.
    assertEveryBitFlipEndsInResult(TestChains.pemFiles("devices/akita").get(0));
  }

  private static void assertEveryBitFlipEndsInResult(Path pem) {
    List<byte[]> chain = TestChains.der(TestChains.chain(pem));
    List<String> escaped = new ArrayList<>();
    for (int index = 0; index < chain.size(); index++) {
      byte[] original = chain.get(index);
      for (int position = 0; position < original.length; position++) {
        for (int bit = 0; bit < 8; bit++) {
          byte[] flipped = mutate(original, Mutation.FLIP, position, bit);
          try {
            assertTypedResult(VERIFIER.verifyDer(replace(chain, index, flipped)), index);
          } catch (RuntimeException e) {
            escaped.add("certificate " + index + " byte " + position + " bit " + bit + ": " + e);
          }
        }
      }
    }
    assertThat(escaped).isEmpty();
  }
}
