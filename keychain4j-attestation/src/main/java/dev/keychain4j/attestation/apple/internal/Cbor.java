package dev.keychain4j.attestation.apple.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.keychain4j.attestation.apple.AppAttestException;
import dev.keychain4j.attestation.apple.AppAttestReason;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/** Strict decoding of one CBOR data item into a Jackson tree. */
public final class Cbor {
  /**
   * Upper bound on a CBOR input. Real attestation objects are about 5 to 6 KiB (two certificates
   * and a receipt of about 4 KiB), so 64 KiB leaves ample room.
   */
  public static final int MAX_INPUT_BYTES = 64 * 1024;

  // App Attest structures nest at most three levels deep, so deeper input is malformed.
  private static final int MAX_NESTING_DEPTH = 8;

  private static final CBORMapper MAPPER = newMapper();

  // Reads one item and leaves the parser just after it, so the caller can find where it ends.
  private static final ObjectReader PREFIX_READER =
      MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Cbor() {}

  private static CBORMapper newMapper() {
    CBORFactory factory =
        CBORFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxDocumentLength(MAX_INPUT_BYTES)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    return CBORMapper.builder(factory)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .build();
  }

  /**
   * Decodes exactly one CBOR data item from {@code bytes}, rejecting trailing bytes, duplicate map
   * keys and input over {@link #MAX_INPUT_BYTES}.
   */
  public static JsonNode decode(byte[] bytes, AppAttestReason reason, String label)
      throws AppAttestException {
    if (bytes.length == 0) {
      throw new AppAttestException(reason, label + " is empty");
    }
    if (bytes.length > MAX_INPUT_BYTES) {
      throw new AppAttestException(
          reason, label + " has " + bytes.length + " bytes, over the limit of " + MAX_INPUT_BYTES);
    }
    try {
      JsonNode node = MAPPER.readTree(bytes);
      if (node == null || node.isMissingNode()) {
        throw new AppAttestException(reason, label + " contains no CBOR data item");
      }
      return node;
    } catch (JacksonException e) {
      throw new AppAttestException(
          reason, label + " is not valid CBOR: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new AppAttestException(reason, label + " could not be read as CBOR", e);
    }
  }

  /** A data item decoded from the start of a byte array, with the number of bytes it used. */
  public record Prefix(JsonNode node, int length) {}

  /**
   * Decodes the one CBOR data item at the start of {@code bytes}, which may be followed by other
   * data, and returns it with its encoded length.
   */
  public static Prefix decodePrefix(byte[] bytes, AppAttestReason reason, String label)
      throws AppAttestException {
    if (bytes.length == 0) {
      throw new AppAttestException(reason, label + " is empty");
    }
    if (bytes.length > MAX_INPUT_BYTES) {
      throw new AppAttestException(
          reason, label + " has " + bytes.length + " bytes, over the limit of " + MAX_INPUT_BYTES);
    }
    try (JsonParser parser = MAPPER.createParser(bytes)) {
      JsonNode node = PREFIX_READER.readTree(parser);
      if (node == null || node.isMissingNode()) {
        throw new AppAttestException(reason, label + " contains no CBOR data item");
      }
      long end = parser.currentLocation().getByteOffset();
      if (end <= 0 || end > bytes.length) {
        throw new AppAttestException(reason, label + " has an undeterminable encoded length");
      }
      return new Prefix(node, (int) end);
    } catch (JacksonException e) {
      throw new AppAttestException(
          reason, label + " is not valid CBOR: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new AppAttestException(reason, label + " could not be read as CBOR", e);
    }
  }

  /** Requires {@code node} to be a map whose keys are exactly {@code keys}. */
  public static ObjectNode mapWithKeys(
      JsonNode node, Set<String> keys, AppAttestReason reason, String label)
      throws AppAttestException {
    if (!node.isObject()) {
      throw new AppAttestException(
          reason, label + " must be a CBOR map, found " + node.getNodeType());
    }
    Set<String> found = new TreeSet<>();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      found.add(names.next());
    }
    if (!found.equals(new TreeSet<>(keys))) {
      throw new AppAttestException(
          reason, label + " must have the keys " + new TreeSet<>(keys) + ", found " + found);
    }
    return (ObjectNode) node;
  }

  /** Returns the byte string stored under {@code key}. */
  public static byte[] byteString(ObjectNode map, String key, AppAttestReason reason, String label)
      throws AppAttestException {
    JsonNode value = map.get(key);
    if (value == null || !value.isBinary()) {
      throw new AppAttestException(reason, label + "." + key + " must be a CBOR byte string");
    }
    try {
      return value.binaryValue();
    } catch (IOException e) {
      throw new AppAttestException(reason, label + "." + key + " could not be read", e);
    }
  }
}
