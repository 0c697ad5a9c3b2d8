package dev.keychain4j.attestation.apple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.keychain4j.attestation.apple.internal.Digests;
import dev.keychain4j.attestation.apple.internal.EcP256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.function.Predicate;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A software stand-in for an iOS device with App Attest: its own root and intermediate CA, and one
 * P-256 device key. It builds attestation objects and assertions in Apple's format, with knobs to
 * produce each kind of invalid input that a real device cannot be made to send.
 */
final class EmulatedDevice {
  private static final Provider BC = new BouncyCastleProvider();
  private static final Instant NOW = Instant.now();

  private final KeyPair rootKeys;
  private final X509Certificate root;
  private final KeyPair intermediateKeys;
  private final X509Certificate intermediate;
  private final KeyPair deviceKeys;

  private EmulatedDevice(Predicate<ECPublicKey> deviceKeyFilter) throws GeneralSecurityException {
    rootKeys = generate("secp384r1");
    root =
        certificate(
            "CN=Emulated App Attest Root",
            rootKeys,
            "CN=Emulated App Attest Root",
            rootKeys.getPrivate(),
            true,
            null);
    intermediateKeys = generate("secp384r1");
    intermediate =
        certificate(
            "CN=Emulated App Attest CA",
            intermediateKeys,
            "CN=Emulated App Attest Root",
            rootKeys.getPrivate(),
            true,
            null);
    KeyPair candidate = generate("secp256r1");
    while (!deviceKeyFilter.test((ECPublicKey) candidate.getPublic())) {
      candidate = generate("secp256r1");
    }
    deviceKeys = candidate;
  }

  static EmulatedDevice create() throws GeneralSecurityException {
    return new EmulatedDevice(key -> true);
  }

  /** Creates a device whose public key's x coordinate has a leading zero byte. */
  static EmulatedDevice withShortX() throws GeneralSecurityException {
    return new EmulatedDevice(key -> key.getW().getAffineX().bitLength() <= 248);
  }

  X509Certificate rootCertificate() {
    return root;
  }

  ECPublicKey publicKey() {
    return (ECPublicKey) deviceKeys.getPublic();
  }

  byte[] keyId() {
    return EcP256.keyId(publicKey());
  }

  AppAttestVerifier verifier(AppId appId, AppAttestEnvironment environment) {
    return AppAttestVerifier.builder()
        .appId(appId)
        .environment(environment)
        .insecureRootForTesting(root)
        .build();
  }

  /** Settings of one attestation object; the defaults make a valid production attestation. */
  static final class Attestation {
    AppId appId;
    byte[] clientDataHash;
    long counter = 0;
    byte[] aaguid = AppAttestEnvironment.PRODUCTION.aaguid();
    byte[] credentialId;
    int flags = 0x40;
    boolean stripLeadingZeros = false;
    byte[] trailing = new byte[0];
    java.util.function.UnaryOperator<byte[]> authDataEdit = bytes -> bytes;
    byte[] receipt = "not a CMS receipt".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    ECPublicKey coseKey;

    Attestation(EmulatedDevice device, AppId appId, byte[] clientDataHash) {
      this.appId = appId;
      this.clientDataHash = clientDataHash.clone();
      this.credentialId = device.keyId();
      this.coseKey = device.publicKey();
    }
  }

  Attestation attestation(AppId appId, byte[] clientDataHash) {
    return new Attestation(this, appId, clientDataHash);
  }

  /** Encodes an attestation object with a credential certificate made for its nonce. */
  byte[] encode(Attestation settings) throws GeneralSecurityException {
    ByteArrayOutputStream authData = new ByteArrayOutputStream();
    authData.writeBytes(Digests.sha256(settings.appId.rpId()));
    authData.write(settings.flags);
    authData.writeBytes(counterBytes(settings.counter));
    authData.writeBytes(settings.aaguid);
    authData.write(settings.credentialId.length >> 8);
    authData.write(settings.credentialId.length & 0xff);
    authData.writeBytes(settings.credentialId);
    authData.writeBytes(coseKey(settings.coseKey, settings.stripLeadingZeros));
    authData.writeBytes(settings.trailing);
    byte[] authDataBytes = settings.authDataEdit.apply(authData.toByteArray());

    byte[] nonce = Digests.sha256(authDataBytes, settings.clientDataHash);
    X509Certificate leaf =
        certificate(
            "CN=" + java.util.HexFormat.of().formatHex(keyId()),
            deviceKeys,
            "CN=Emulated App Attest CA",
            intermediateKeys.getPrivate(),
            false,
            nonce);

    CBORMapper mapper = new CBORMapper();
    ObjectNode object = mapper.createObjectNode();
    object.put("fmt", "apple-appattest");
    ObjectNode statement = object.putObject("attStmt");
    statement.putArray("x5c").add(leaf.getEncoded()).add(intermediate.getEncoded());
    statement.put("receipt", settings.receipt);
    object.put("authData", authDataBytes);
    try {
      return mapper.writeValueAsBytes(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Encodes an assertion signed by the device key, with {@code trailing} after the header. */
  byte[] assertion(AppId appId, byte[] clientDataHash, long counter, int flags, byte[] trailing)
      throws GeneralSecurityException {
    ByteArrayOutputStream authData = new ByteArrayOutputStream();
    authData.writeBytes(Digests.sha256(appId.rpId()));
    authData.write(flags);
    authData.writeBytes(counterBytes(counter));
    authData.writeBytes(trailing);
    return signedAssertion(authData.toByteArray(), clientDataHash);
  }

  /** Encodes an assertion over any authenticator data, signed by the device key. */
  byte[] signedAssertion(byte[] authDataBytes, byte[] clientDataHash)
      throws GeneralSecurityException {
    Signature signer = Signature.getInstance("SHA256withECDSA", BC);
    signer.initSign(deviceKeys.getPrivate());
    signer.update(Digests.sha256(authDataBytes, clientDataHash));
    CBORMapper mapper = new CBORMapper();
    ObjectNode object = mapper.createObjectNode();
    object.put("signature", signer.sign());
    object.put("authenticatorData", authDataBytes);
    try {
      return mapper.writeValueAsBytes(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the CBOR extension map that iOS 27 appends to authenticator data. */
  static byte[] iosExtensions() {
    CBORMapper mapper = new CBORMapper();
    ObjectNode extensions = mapper.createObjectNode();
    extensions.put("apple_bundle_version_01", "1");
    extensions.put("apple_validation_category_01", new byte[] {3, 0, 0, 0});
    try {
      return mapper.writeValueAsBytes(extensions);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] counterBytes(long counter) {
    return new byte[] {
      (byte) (counter >> 24), (byte) (counter >> 16), (byte) (counter >> 8), (byte) counter
    };
  }

  private static byte[] coseKey(ECPublicKey key, boolean stripLeadingZeros) {
    byte[] point = EcP256.uncompressed(key.getW());
    byte[] x = Arrays.copyOfRange(point, 1, 33);
    byte[] y = Arrays.copyOfRange(point, 33, 65);
    if (stripLeadingZeros) {
      x = strip(x);
      y = strip(y);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CBORGenerator generator = new CBORMapper().getFactory().createGenerator(out)) {
      generator.writeStartObject();
      generator.writeFieldId(1);
      generator.writeNumber(2);
      generator.writeFieldId(3);
      generator.writeNumber(-7);
      generator.writeFieldId(-1);
      generator.writeNumber(1);
      generator.writeFieldId(-2);
      generator.writeBinary(x);
      generator.writeFieldId(-3);
      generator.writeBinary(y);
      generator.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] strip(byte[] coordinate) {
    int start = 0;
    while (start < coordinate.length - 1 && coordinate[start] == 0) {
      start++;
    }
    return Arrays.copyOfRange(coordinate, start, coordinate.length);
  }

  private static KeyPair generate(String curve) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec(curve));
    return generator.generateKeyPair();
  }

  private static X509Certificate certificate(
      String subject,
      KeyPair subjectKeys,
      String issuer,
      PrivateKey issuerKey,
      boolean ca,
      byte[] nonce)
      throws GeneralSecurityException {
    try {
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              new X500Principal(issuer),
              BigInteger.valueOf(System.nanoTime()),
              Date.from(NOW.minus(Duration.ofDays(1))),
              Date.from(NOW.plus(Duration.ofDays(3))),
              new X500Principal(subject),
              subjectKeys.getPublic());
      builder.addExtension(
          Extension.basicConstraints,
          true,
          ca ? new BasicConstraints(0) : new BasicConstraints(false));
      if (ca) {
        builder.addExtension(
            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      }
      if (nonce != null) {
        builder.addExtension(
            new ASN1ObjectIdentifier("1.2.840.113635.100.8.2"),
            false,
            new DERSequence(new DERTaggedObject(true, 1, new DEROctetString(nonce))));
      }
      String algorithm =
          issuerKey.getAlgorithm().equals("EC")
                  && ((java.security.interfaces.ECPrivateKey) issuerKey)
                          .getParams()
                          .getOrder()
                          .bitLength()
                      > 256
              ? "SHA384withECDSA"
              : "SHA256withECDSA";
      return new JcaX509CertificateConverter()
          .setProvider(BC)
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder(algorithm).setProvider(BC).build(issuerKey)));
    } catch (IOException | OperatorCreationException e) {
      throw new GeneralSecurityException("could not build the emulated certificate " + subject, e);
    }
  }
}
