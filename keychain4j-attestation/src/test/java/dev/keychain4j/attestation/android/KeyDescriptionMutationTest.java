package dev.keychain4j.attestation.android;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mutates the KeyDescription of real device leaves and checks that parsing and verification end in
 * a result or a typed parse failure, never an unchecked exception.
 */
class KeyDescriptionMutationTest {
  private static final List<byte[]> EXTENSIONS =
      TestChains.pemFiles("devices").stream()
          .map(TestChains::chain)
          .map(TestChains::leafExtension)
          .toList();

  private static final AndroidAttestationVerifier VERIFIER =
      TestChains.verifierAt(TestChains.AKITA_VALID).strict(true).build();

  enum Mutation {
    TRUNCATE,
    FLIP,
    INSERT,
    RETAG
  }

  record Case(int extension, Mutation mutation, int position, int value) {}

  @Provide
  Arbitrary<Case> cases() {
    return Combinators.combine(
            Arbitraries.integers().between(0, EXTENSIONS.size() - 1),
            Arbitraries.of(Mutation.class),
            Arbitraries.integers().between(0, Integer.MAX_VALUE),
            Arbitraries.integers().between(0, 255))
        .as(Case::new);
  }

  static byte[] mutate(Case c) {
    byte[] original = EXTENSIONS.get(c.extension());
    int position = c.position() % original.length;
    switch (c.mutation()) {
      case TRUNCATE:
        return Arrays.copyOf(original, position);
      case FLIP:
        {
          byte[] flipped = original.clone();
          flipped[position] ^= (byte) (1 << (c.value() % 8));
          return flipped;
        }
      case INSERT:
        {
          byte[] inserted = new byte[original.length + 1];
          System.arraycopy(original, 0, inserted, 0, position);
          inserted[position] = (byte) c.value();
          System.arraycopy(original, position, inserted, position + 1, original.length - position);
          return inserted;
        }
      case RETAG:
        {
          // Replace an identifier octet (any byte that looks like a tag) with another tag.
          byte[] retagged = original.clone();
          int[] tags = {0x01, 0x02, 0x04, 0x05, 0x0A, 0x30, 0x31, 0xA1, 0xBF, 0x80};
          retagged[position] = (byte) tags[c.value() % tags.length];
          return retagged;
        }
      default:
        throw new IllegalStateException();
    }
  }

  @Property(tries = 3000)
  void parseEndsInResultOrTypedFailure(@ForAll("cases") Case c) {
    byte[] mutated = mutate(c);
    try {
      KeyDescription description = KeyDescription.parse(mutated);
      assertThat(description.warnings()).isNotNull();
    } catch (KeyDescriptionParseException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 300)
  void verifierEndsInResult(@ForAll("cases") Case c) {
    Path pem = TestChains.pemFiles("devices").get(c.extension());
    List<X509Certificate> chain = TestChains.chain(pem);
    byte[] mutated = mutate(c);
    TestCertificates.CustomChain custom = new TestCertificates.CustomChain(mutated);

    AndroidAttestationResult result =
        TestChains.verifierAt(TestChains.AKITA_VALID)
            .trustAnchors(List.of(custom.root))
            .build()
            .verify(List.of(custom.attested, custom.intermediate, custom.root));

    assertThat(result.reason()).isNotNull();
    assertThat(chain).isNotEmpty();
    if (result.reason() == ReasonCode.MALFORMED_EXTENSION) {
      assertThat(result.keyDescription()).isEmpty();
    }
    assertThat(VERIFIER.verify(chain).reason()).isNotNull();
  }
}
