package dev.keychain4j.attestation.android.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keychain4j.attestation.android.AttestationApplicationId;
import dev.keychain4j.attestation.android.AuthorizationList;
import dev.keychain4j.attestation.android.KeyDescription;
import dev.keychain4j.attestation.android.KeyMintTag;
import dev.keychain4j.attestation.android.RootOfTrust;
import java.util.Base64;
import java.util.Map;

/**
 * Writes a KeyDescription as JSON: integers, enum values and times as decimal strings, byte strings
 * as padded base64, device IDs as text, flags as {@code true}, named enums by name.
 */
public final class KeyDescriptionJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] ORIGINS = {
    "GENERATED", "DERIVED", "IMPORTED", "RESERVED", "SECURELY_IMPORTED"
  };

  private KeyDescriptionJson() {}

  public static ObjectNode toJson(KeyDescription description) {
    ObjectNode node = NODES.objectNode();
    node.put("attestationVersion", String.valueOf(description.attestationVersion()));
    node.put("attestationSecurityLevel", description.attestationSecurityLevel().name());
    node.put("keyMintVersion", String.valueOf(description.keyMintVersion()));
    node.put("keyMintSecurityLevel", description.keyMintSecurityLevel().name());
    node.put("attestationChallenge", base64(description.attestationChallenge()));
    node.put("uniqueId", base64(description.uniqueId()));
    node.set("softwareEnforced", toJson(description.softwareEnforced()));
    node.set("hardwareEnforced", toJson(description.hardwareEnforced()));
    return node;
  }

  public static ObjectNode toJson(AuthorizationList list) {
    ObjectNode node = NODES.objectNode();
    for (KeyMintTag tag : KeyMintTag.values()) {
      if (!list.contains(tag)) {
        continue;
      }
      switch (tag.valueType()) {
        case INTEGER_SET:
          {
            ArrayNode array = node.putArray(tag.jsonName());
            list.integerSet(tag).forEach(value -> array.add(String.valueOf(value)));
            break;
          }
        case INTEGER:
        case PATCH_LEVEL:
          {
            long value = list.integer(tag).getAsLong();
            if (tag == KeyMintTag.ORIGIN && value >= 0 && value < ORIGINS.length) {
              node.put(tag.jsonName(), ORIGINS[(int) value]);
            } else {
              node.put(tag.jsonName(), String.valueOf(value));
            }
            break;
          }
        case FLAG:
          node.put(tag.jsonName(), true);
          break;
        case TEXT:
          node.put(tag.jsonName(), list.text(tag).orElse(""));
          break;
        case BYTES:
          node.put(tag.jsonName(), base64(list.bytes(tag).orElse(new byte[0])));
          break;
        case ROOT_OF_TRUST:
          list.rootOfTrust().ifPresent(root -> node.set(tag.jsonName(), toJson(root)));
          break;
        case APPLICATION_ID:
          list.attestationApplicationId().ifPresent(id -> node.set(tag.jsonName(), toJson(id)));
          break;
        default:
          throw new IllegalStateException("unhandled value type " + tag.valueType());
      }
    }
    Map<Integer, byte[]> unknown = list.unknownTags();
    if (!unknown.isEmpty()) {
      ObjectNode unknownNode = node.putObject("unknownTags");
      unknown.forEach((tag, raw) -> unknownNode.put(String.valueOf(tag), base64(raw)));
    }
    return node;
  }

  private static ObjectNode toJson(RootOfTrust root) {
    ObjectNode node = NODES.objectNode();
    node.put("verifiedBootKey", base64(root.verifiedBootKey()));
    node.put("deviceLocked", root.deviceLocked());
    node.put("verifiedBootState", root.verifiedBootState().name());
    root.verifiedBootHash().ifPresent(hash -> node.put("verifiedBootHash", base64(hash)));
    return node;
  }

  private static ObjectNode toJson(AttestationApplicationId id) {
    ObjectNode node = NODES.objectNode();
    ArrayNode packages = node.putArray("packages");
    for (AttestationApplicationId.PackageInfo info : id.packages()) {
      ObjectNode packageNode = packages.addObject();
      packageNode.put("name", info.name());
      packageNode.put("version", String.valueOf(info.version()));
    }
    ArrayNode signatures = node.putArray("signatures");
    id.signatureDigests().forEach(digest -> signatures.add(base64(digest)));
    return node;
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
