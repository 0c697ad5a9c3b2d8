package dev.keychain4j.attestation.apple;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Mutated attestation objects and assertions must give a verdict: a result or an {@link
 * AppAttestException}. Any other exception (a parser's ClassCastException,
 * IndexOutOfBoundsException, NullPointerException) fails the property.
 */
class CborMutationProperties {
  private static final Sample SAMPLE = Sample.load();
  private static final CBORMapper MAPPER = new CBORMapper();
  private static final ECPublicKey PUBLIC_KEY = attestedKey();

  private static ECPublicKey attestedKey() {
    try {
      return SAMPLE
          .verifier()
          .verifyAttestation(
              SAMPLE.attestationObject(),
              SAMPLE.keyId(),
              SAMPLE.clientDataHash(),
              SAMPLE.verifyAt())
          .publicKey();
    } catch (AppAttestException e) {
      throw new IllegalStateException("the sample attestation must verify", e);
    }
  }

  enum Kind {
    TRUNCATE,
    FLIP,
    INSERT,
    DELETE,
    CHANGE_MAJOR_TYPE
  }

  /** One edit of a byte array; {@code position} is taken modulo the array's length. */
  record Mutation(Kind kind, int position, byte value, byte[] inserted) {
    byte[] apply(byte[] input) {
      if (input.length == 0) {
        return kind == Kind.INSERT ? inserted.clone() : input;
      }
      int at = Math.floorMod(position, input.length);
      switch (kind) {
        case TRUNCATE:
          return Arrays.copyOf(input, at);
        case FLIP:
          {
            byte[] output = input.clone();
            output[at] ^= value == 0 ? 1 : value;
            return output;
          }
        case INSERT:
          {
            byte[] output = new byte[input.length + inserted.length];
            System.arraycopy(input, 0, output, 0, at);
            System.arraycopy(inserted, 0, output, at, inserted.length);
            System.arraycopy(input, at, output, at + inserted.length, input.length - at);
            return output;
          }
        case DELETE:
          {
            byte[] output = new byte[input.length - 1];
            System.arraycopy(input, 0, output, 0, at);
            System.arraycopy(input, at + 1, output, at, input.length - at - 1);
            return output;
          }
        case CHANGE_MAJOR_TYPE:
          {
            // The top three bits of a CBOR initial byte are its major type (RFC 8949, 3.1).
            byte[] output = input.clone();
            int current = (output[at] >> 5) & 0x07;
            int replacement = (current + 1 + Math.floorMod(value, 7)) & 0x07;
            output[at] = (byte) ((replacement << 5) | (output[at] & 0x1f));
            return output;
          }
        default:
          throw new IllegalStateException("unknown mutation " + kind);
      }
    }

    @Override
    public String toString() {
      return kind + "@" + position + " value=" + value + " inserted=" + inserted.length;
    }
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    Arbitrary<Mutation> mutation =
        Combinators.combine(
                Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.bytes(),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(12))
            .as(Mutation::new);
    return mutation.list().ofMinSize(1).ofMaxSize(3);
  }

  private static byte[] applyAll(byte[] input, List<Mutation> mutations) {
    byte[] output = input;
    for (Mutation mutation : mutations) {
      output = mutation.apply(output);
    }
    return output;
  }

  private static byte[] replaceByteString(
      byte[] cbor, String path, String key, List<Mutation> mutations) {
    try {
      ObjectNode root = (ObjectNode) MAPPER.readTree(cbor);
      ObjectNode parent = path.isEmpty() ? root : (ObjectNode) root.get(path);
      parent.put(key, applyAll(parent.get(key).binaryValue(), mutations));
      return MAPPER.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void assertVerdictForAttestation(byte[] attestationObject) {
    try {
      AppAttestation result =
          SAMPLE
              .verifier()
              .verifyAttestation(
                  attestationObject, SAMPLE.keyId(), SAMPLE.clientDataHash(), SAMPLE.verifyAt());
      assertThat(result.counter()).isZero();
      Statistics.label("attestation").collect("TRUSTED");
    } catch (AppAttestException e) {
      Statistics.label("attestation").collect(e.reason());
      assertThat(e.reason()).isNotNull();
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  private static void assertVerdictForAssertion(byte[] assertion) throws CounterStoreException {
    try {
      InMemoryCounterStore store = new InMemoryCounterStore();
      store.register(SAMPLE.keyId(), 0);
      AppAssertion result =
          AppAssertionVerifier.builder()
              .appId(SAMPLE.appId())
              .counterStore(store)
              .build()
              .verifyAssertion(assertion, SAMPLE.assertionClientDataHash(), PUBLIC_KEY);
      assertThat(result.counter()).isPositive();
      Statistics.label("assertion").collect("TRUSTED");
    } catch (AppAttestException e) {
      Statistics.label("assertion").collect(e.reason());
      assertThat(e.reason()).isNotNull();
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  /**
   * Some mutations still verify: those inside the receipt, which neither the nonce nor the verifier
   * covers, and mutation lists that cancel out.
   */
  @Property(tries = 400)
  void mutatedAttestationObjectGivesVerdict(@ForAll("mutations") List<Mutation> mutations) {
    assertVerdictForAttestation(applyAll(SAMPLE.attestationObject(), mutations));
  }

  @Property(tries = 400)
  void mutatedAuthDataGivesVerdict(@ForAll("mutations") List<Mutation> mutations) {
    assertVerdictForAttestation(
        replaceByteString(SAMPLE.attestationObject(), "", "authData", mutations));
  }

  /** Checks that receipt bytes never change the verdict, because the receipt is not trusted. */
  @Property(tries = 300)
  void mutatedReceiptStillTrusted(@ForAll("mutations") List<Mutation> mutations) throws Exception {
    ObjectNode root = (ObjectNode) MAPPER.readTree(SAMPLE.attestationObject());
    ObjectNode statement = (ObjectNode) root.get("attStmt");
    statement.put("receipt", applyAll(statement.get("receipt").binaryValue(), mutations));

    AppAttestation result =
        SAMPLE
            .verifier()
            .verifyAttestation(
                MAPPER.writeValueAsBytes(root),
                SAMPLE.keyId(),
                SAMPLE.clientDataHash(),
                SAMPLE.verifyAt());

    Statistics.label("receipt")
        .collect(result.receiptFields().isPresent() ? "DECODED" : "NOT_DECODED");
  }

  @Property(tries = 200)
  void mutatedCertificateGivesVerdict(@ForAll("mutations") List<Mutation> mutations)
      throws IOException {
    ObjectNode root = (ObjectNode) MAPPER.readTree(SAMPLE.attestationObject());
    com.fasterxml.jackson.databind.node.ArrayNode x5c =
        (com.fasterxml.jackson.databind.node.ArrayNode) root.get("attStmt").get("x5c");
    x5c.set(
        0,
        com.fasterxml.jackson.databind.node.BinaryNode.valueOf(
            applyAll(x5c.get(0).binaryValue(), mutations)));

    assertVerdictForAttestation(MAPPER.writeValueAsBytes(root));
  }

  @Property(tries = 400)
  void mutatedAssertionGivesVerdict(@ForAll("mutations") List<Mutation> mutations)
      throws Exception {
    assertVerdictForAssertion(applyAll(SAMPLE.assertion(), mutations));
  }

  @Property(tries = 400)
  void mutatedAssertionAuthDataGivesVerdict(@ForAll("mutations") List<Mutation> mutations)
      throws Exception {
    assertVerdictForAssertion(
        replaceByteString(SAMPLE.assertion(), "", "authenticatorData", mutations));
  }

  private static final AppId EMULATED_APP_ID = AppId.parse("ABCDE12345.dev.keychain4j.example");
  private static final EmulatedDevice DEVICE = emulatedDevice();

  private static EmulatedDevice emulatedDevice() {
    try {
      return EmulatedDevice.create();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("could not create the emulated device", e);
    }
  }

  /**
   * Mutates the authenticator data before the emulated device certifies it, so the nonce still
   * matches and the mutation reaches the authenticator data parser and the later checks.
   */
  @Property(tries = 300)
  void certifiedMutatedAuthDataGivesVerdict(@ForAll("mutations") List<Mutation> mutations)
      throws Exception {
    byte[] clientDataHash = Sample.sha256Utf8("challenge");
    EmulatedDevice.Attestation settings = DEVICE.attestation(EMULATED_APP_ID, clientDataHash);
    settings.authDataEdit = bytes -> applyAll(bytes, mutations);
    byte[] attestation = DEVICE.encode(settings);

    try {
      DEVICE
          .verifier(EMULATED_APP_ID, AppAttestEnvironment.PRODUCTION)
          .verifyAttestation(attestation, DEVICE.keyId(), clientDataHash, java.time.Instant.now());
      Statistics.label("attestation").collect("TRUSTED");
    } catch (AppAttestException e) {
      Statistics.label("attestation").collect(e.reason());
    }
  }

  /** Mutates assertion authenticator data before signing, so the signature still verifies. */
  @Property(tries = 300)
  void signedMutatedAssertionGivesVerdict(@ForAll("mutations") List<Mutation> mutations)
      throws Exception {
    byte[] clientDataHash = Sample.sha256Utf8("request");
    byte[] valid =
        DEVICE.assertion(EMULATED_APP_ID, clientDataHash, 1, 0x40, EmulatedDevice.iosExtensions());
    byte[] authData = MAPPER.readTree(valid).get("authenticatorData").binaryValue();
    byte[] assertion = DEVICE.signedAssertion(applyAll(authData, mutations), clientDataHash);
    InMemoryCounterStore store = new InMemoryCounterStore();
    store.register(DEVICE.keyId(), 0);

    try {
      AppAssertionVerifier.builder()
          .appId(EMULATED_APP_ID)
          .counterStore(store)
          .build()
          .verifyAssertion(assertion, clientDataHash, DEVICE.publicKey());
      Statistics.label("assertion").collect("TRUSTED");
    } catch (AppAttestException e) {
      Statistics.label("assertion").collect(e.reason());
    }
  }

  @Property(tries = 300)
  void randomBytesGiveVerdict(@ForAll byte[] bytes) throws Exception {
    assertVerdictForAttestation(bytes);
    assertVerdictForAssertion(bytes);
  }
}
