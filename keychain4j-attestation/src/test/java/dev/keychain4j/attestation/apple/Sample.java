package dev.keychain4j.attestation.apple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** The real production attestation and first assertion in the test resources. */
record Sample(
    AppId appId,
    byte[] keyId,
    byte[] clientDataHash,
    byte[] attestationObject,
    byte[] assertion,
    byte[] assertionClientDataHash,
    Instant verifyAt) {

  // Accessors return copies so that a test that changes a byte cannot change the sample.

  @Override
  public byte[] keyId() {
    return keyId.clone();
  }

  @Override
  public byte[] clientDataHash() {
    return clientDataHash.clone();
  }

  @Override
  public byte[] attestationObject() {
    return attestationObject.clone();
  }

  @Override
  public byte[] assertion() {
    return assertion.clone();
  }

  @Override
  public byte[] assertionClientDataHash() {
    return assertionClientDataHash.clone();
  }

  static Sample load() {
    try (InputStream in =
        Sample.class.getResourceAsStream("/apple/app-attest-production-sample.json")) {
      if (in == null) {
        throw new IllegalStateException(
            "test resource apple/app-attest-production-sample.json is missing");
      }
      JsonNode json = new ObjectMapper().readTree(in);
      Base64.Decoder base64 = Base64.getDecoder();
      return new Sample(
          AppId.parse(json.get("appId").asText()),
          base64.decode(json.get("keyId").asText()),
          sha256Utf8(json.get("challengeUtf8").asText()),
          base64.decode(json.get("attestationObject").asText()),
          base64.decode(json.get("assertion").asText()),
          sha256Utf8(json.get("assertionClientDataUtf8").asText()),
          Instant.parse(json.get("verifyAt").asText()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] sha256Utf8(String text) {
    return dev.keychain4j.attestation.apple.internal.Digests.sha256(
        text.getBytes(StandardCharsets.UTF_8));
  }

  /** Returns the credential certificate of the sample's attestation. */
  static java.security.cert.X509Certificate leafCertificate(Sample sample) {
    try {
      com.fasterxml.jackson.databind.JsonNode object =
          new com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper()
              .readTree(sample.attestationObject());
      byte[] der = object.get("attStmt").get("x5c").get(0).binaryValue();
      return (java.security.cert.X509Certificate)
          java.security.cert.CertificateFactory.getInstance("X.509")
              .generateCertificate(new java.io.ByteArrayInputStream(der));
    } catch (IOException | java.security.cert.CertificateException e) {
      throw new IllegalStateException(e);
    }
  }

  AppAttestVerifier verifier() {
    return AppAttestVerifier.builder()
        .appId(appId)
        .environment(AppAttestEnvironment.PRODUCTION)
        .build();
  }
}
