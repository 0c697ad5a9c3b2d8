package dev.keychain4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keychain4j.ApplicationIdentity;
import dev.keychain4j.Digest;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.Keychain;
import dev.keychain4j.Purpose;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares the ASN.1 structure of our KeyDescriptions with the leaves of real Pixel device chains
 * (the attestation module's test resources): for every field both contain, the same ASN.1 types
 * and tag numbers, down to the members of RootOfTrust and AttestationApplicationId.
 */
class RealDeviceStructureTest {
  /** The real chains, read from the sibling module as the build runs each module in its directory. */
  static final Path DEVICE_CHAINS = Path.of("../keychain4j-attestation/src/test/resources/android/devices");

  static final String OID = "1.3.6.1.4.1.11129.2.1.17";

  @TempDir Path temp;

  @Test
  void ourFieldsHaveTheDevicesStructure() throws Exception {
    Map<String, Set<String>> real = shapes(realKeyDescriptions());
    Map<String, Set<String>> ours = shapes(ourKeyDescriptions());

    Set<String> common = new TreeSet<>(real.keySet());
    common.retainAll(ours.keySet());
    for (String field : common) {
      assertThat(ours.get(field)).as("ASN.1 shape of %s", field).isSubsetOf(real.get(field));
    }
    // The comparison must cover the top-level fields and the tags that both sides carry.
    assertThat(common)
        .contains(
            "attestationVersion",
            "attestationSecurityLevel",
            "keyMintVersion",
            "keyMintSecurityLevel",
            "attestationChallenge",
            "uniqueId",
            "softwareEnforced",
            "hardwareEnforced",
            "[1]",
            "[2]",
            "[3]",
            "[6]",
            "[10]",
            "[200]",
            "[503]",
            "[701]",
            "[702]",
            "[704]",
            "[705]",
            "[706]",
            "[709]",
            "[718]",
            "[719]");
  }

  private List<ASN1Sequence> realKeyDescriptions() throws Exception {
    assertThat(DEVICE_CHAINS).as("real device chains of the attestation module").isDirectory();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(DEVICE_CHAINS)) {
      files = walk.filter(p -> p.toString().endsWith(".pem")).sorted().collect(Collectors.toList());
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(10);
    List<ASN1Sequence> descriptions = new ArrayList<>();
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificates(in).iterator().next();
        descriptions.add(keyDescription(leaf));
      }
    }
    return descriptions;
  }

  private List<ASN1Sequence> ourKeyDescriptions() throws Exception {
    List<ASN1Sequence> descriptions = new ArrayList<>();
    ApplicationIdentity app = ApplicationIdentity.of("com.example.app", 3, KeychainAttestationTest.digest(0x33));
    try (Keychain keychain = Keychain.create(temp.resolve("keychain"), "passphrase".toCharArray(), app)) {
      keychain.generateKey(
          "ec",
          KeyParameters.builder(KeyAlgorithm.EC_P256)
              .purposes(Purpose.SIGN)
              .activeFrom(Instant.parse("2026-01-01T00:00:00Z"))
              .originationEnd(Instant.parse("2027-01-01T00:00:00Z"))
              .consumptionEnd(Instant.parse("2028-01-01T00:00:00Z"))
              .usageLimit(10)
              .build());
      keychain.generateKey(
          "rsa",
          KeyParameters.builder(KeyAlgorithm.RSA_2048).purposes(Purpose.SIGN, Purpose.DECRYPT).digests(Digest.SHA256).build());
      descriptions.add(keyDescription(keychain.attest("ec", new byte[] {1, 2, 3}).get(0)));
      descriptions.add(keyDescription(keychain.attest("rsa", new byte[] {4}).get(0)));
    }
    EmulatedAndroidDevice device = EmulatedAndroidDevice.builder().application(app).build();
    descriptions.add(
        keyDescription(device.generateKey(KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.SIGN).build(), new byte[] {5}).chain().get(0)));
    return descriptions;
  }

  /**
   * Returns the shape of each field, keyed by its name: the eight top-level fields by name, and the
   * authorization list entries by tag number, from both lists.
   */
  private static Map<String, Set<String>> shapes(List<ASN1Sequence> descriptions) throws IOException {
    String[] names = {
      "attestationVersion", "attestationSecurityLevel", "keyMintVersion", "keyMintSecurityLevel",
      "attestationChallenge", "uniqueId", "softwareEnforced", "hardwareEnforced"
    };
    Map<String, Set<String>> shapes = new TreeMap<>();
    for (ASN1Sequence description : descriptions) {
      assertThat(description.size()).isEqualTo(names.length);
      for (int i = 0; i < names.length; i++) {
        ASN1Primitive field = description.getObjectAt(i).toASN1Primitive();
        String shape = i >= 6 ? "SEQUENCE" : shape(field);
        if (i >= 6) {
          assertThat(field).isInstanceOf(ASN1Sequence.class);
          for (ASN1Encodable entry : (ASN1Sequence) field) {
            ASN1TaggedObject tagged = (ASN1TaggedObject) entry.toASN1Primitive();
            shapes.computeIfAbsent("[" + tagged.getTagNo() + "]", k -> new TreeSet<>()).add(shape(tagged));
          }
        }
        shapes.computeIfAbsent(names[i], k -> new TreeSet<>()).add(shape);
      }
    }
    return shapes;
  }

  /** Describes the ASN.1 types and tags of a value, recursively, without its contents. */
  private static String shape(ASN1Primitive value) throws IOException {
    if (value instanceof ASN1TaggedObject) {
      ASN1TaggedObject tagged = (ASN1TaggedObject) value;
      boolean constructed = (tagged.getEncoded()[0] & 0x20) != 0;
      String inner = shape(tagged.getExplicitBaseObject().toASN1Primitive());
      if (tagged.getTagNo() == 709) {
        // The AttestationApplicationId is DER inside the OCTET STRING: compare its structure too.
        byte[] der = ASN1OctetString.getInstance(tagged.getExplicitBaseObject()).getOctets();
        inner += " containing " + shape(ASN1Primitive.fromByteArray(der));
      }
      return "[CONTEXT " + tagged.getTagNo() + (constructed ? " EXPLICIT] " : " IMPLICIT] ") + inner;
    }
    if (value instanceof ASN1Sequence) {
      List<String> members = new ArrayList<>();
      for (ASN1Encodable member : (ASN1Sequence) value) {
        members.add(shape(member.toASN1Primitive()));
      }
      return "SEQUENCE(" + String.join(", ", members) + ")";
    }
    if (value instanceof ASN1Set) {
      Set<String> members = new TreeSet<>();
      for (ASN1Encodable member : (ASN1Set) value) {
        members.add(shape(member.toASN1Primitive()));
      }
      return "SET OF {" + String.join(" | ", members) + "}";
    }
    if (value instanceof ASN1Integer) {
      return "INTEGER";
    }
    if (value instanceof ASN1Enumerated) {
      return "ENUMERATED";
    }
    if (value instanceof ASN1OctetString) {
      return "OCTET STRING";
    }
    if (value instanceof ASN1Null) {
      return "NULL";
    }
    if (value instanceof ASN1Boolean) {
      return "BOOLEAN";
    }
    return value.getClass().getSimpleName();
  }

  private static ASN1Sequence keyDescription(X509Certificate leaf) throws IOException {
    byte[] extension = leaf.getExtensionValue(OID);
    assertThat(extension).as("KeyDescription of %s", leaf.getSubjectX500Principal()).isNotNull();
    return ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(extension).getOctets()));
  }
}
