package dev.keychain4j.attestation.android;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Google's attestation status list: revoked or suspended certificates keyed by serial number.
 *
 * <p>The JSON has the form {@code {"entries": {"<serial>": {"status": "REVOKED", "reason": ...}}}}
 * where each serial is lowercase hex without leading zeros. Serials are compared as numbers, so
 * case and leading zeros in the list do not matter.
 */
public final class RevocationList {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One entry of the list. */
  public record Entry(String status, String reason) {}

  private final Map<BigInteger, Entry> entries;

  private RevocationList(Map<BigInteger, Entry> entries) {
    this.entries = Collections.unmodifiableMap(entries);
  }

  /** Parses the status list JSON. */
  public static RevocationList parse(byte[] json) throws RevocationListException {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new RevocationListException("the status list is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.path("entries").isObject()) {
      throw new RevocationListException("the status list has no \"entries\" object");
    }
    Map<BigInteger, Entry> entries = new HashMap<>();
    for (Map.Entry<String, JsonNode> field : root.get("entries").properties()) {
      BigInteger serial;
      try {
        serial = new BigInteger(field.getKey(), 16);
      } catch (NumberFormatException e) {
        throw new RevocationListException(
            "status list key \"" + field.getKey() + "\" is not a hexadecimal serial number", e);
      }
      JsonNode value = field.getValue();
      String status = value.path("status").asText("");
      if (status.isEmpty()) {
        throw new RevocationListException(
            "status list entry " + field.getKey() + " has no \"status\"");
      }
      entries.put(serial, new Entry(status, value.path("reason").asText("")));
    }
    return new RevocationList(entries);
  }

  /** Returns the entry for this serial number, if listed. */
  public Optional<Entry> status(BigInteger serial) {
    return Optional.ofNullable(entries.get(serial));
  }

  public int size() {
    return entries.size();
  }
}
