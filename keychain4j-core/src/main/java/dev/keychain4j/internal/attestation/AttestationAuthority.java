package dev.keychain4j.internal.attestation;

import dev.keychain4j.Digest;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyCorruptedException;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.KeychainException;
import dev.keychain4j.Purpose;
import dev.keychain4j.SignatureSpec;
import dev.keychain4j.spi.ElementKey;
import dev.keychain4j.spi.GeneratedKey;
import dev.keychain4j.spi.KeyBinding;
import dev.keychain4j.spi.KeyReference;
import dev.keychain4j.spi.SecureElement;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * A keychain's attestation root and attestation key, both generated and sealed in the keychain's
 * secure element at {@code init}, with the attestation purpose only. The root certificate
 * (ECDSA P-384) is self-signed. The attestation key's certificate (ECDSA P-256) is an
 * intermediate CA signed by the root, and the attestation key signs the leaves of attested keys.
 *
 * <p>The sealed keys, their item ids and certificates are stored in the keychain's metadata, not
 * as items, so that no item query lists them and no delete removes them. Their authorizations
 * are the constants below: the element authenticates the sealed keys against them.
 */
public final class AttestationAuthority {
  static final String ROOT_TAG = "keychain4j attestation root";
  static final String KEY_TAG = "keychain4j attestation key";

  /** The root key: P-384, so that the root is at least as strong as the keys below it. */
  static final KeyParameters ROOT_PARAMETERS =
      KeyParameters.builder(KeyAlgorithm.EC_P384)
          .purposes(Purpose.ATTEST_KEY)
          .digests(Digest.SHA384)
          .build();

  static final KeyParameters KEY_PARAMETERS =
      KeyParameters.builder(KeyAlgorithm.EC_P256)
          .purposes(Purpose.ATTEST_KEY)
          .digests(Digest.SHA256)
          .build();

  /** The root and the intermediate are valid for this long after init. */
  static final Duration VALIDITY = Duration.ofDays(30 * 365);

  /**
   * Backdating of the root and intermediate notBefore, so that a relying party whose clock is
   * behind still accepts chains from a keychain created just now.
   */
  static final Duration CLOCK_SKEW = Duration.ofHours(1);

  private static final String ROOT_ID = "attestation_root_id";
  private static final String ROOT_KEY = "attestation_root_key";
  private static final String ROOT_CERTIFICATE = "attestation_root_certificate";
  private static final String KEY_ID = "attestation_key_id";
  private static final String KEY = "attestation_key";
  private static final String KEY_CERTIFICATE = "attestation_certificate";

  private final ElementKey attestationKey;
  private final X509Certificate root;
  private final X509Certificate intermediate;

  private AttestationAuthority(
      ElementKey attestationKey, X509Certificate root, X509Certificate intermediate) {
    this.attestationKey = attestationKey;
    this.root = root;
    this.intermediate = intermediate;
  }

  /** Reads a stored metadata value of the keychain. */
  @FunctionalInterface
  public interface MetadataReader {
    Optional<byte[]> read(String name) throws KeychainException;
  }

  /**
   * Generates the root and attestation keys in {@code element} and certifies them, returning the
   * metadata entries to store with the new keychain.
   */
  public static Map<String, byte[]> create(SecureElement element, SecureRandom random)
      throws KeychainException {
    Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(CLOCK_SKEW);
    Instant notAfter = notBefore.plus(VALIDITY);
    String serialNumber = HexFormat.of().formatHex(randomBytes(random, 8));

    KeyBinding rootBinding = new KeyBinding(ROOT_TAG, positiveId(random));
    GeneratedKey rootKey = element.generateKey(rootBinding, ROOT_PARAMETERS);
    ElementKey rootElementKey =
        new ElementKey(rootBinding, ROOT_PARAMETERS, rootKey.reference(), null);
    X500Name rootName = name("keychain4j attestation root", serialNumber);
    X509Certificate root =
        AttestationCertificates.issue(
            AttestationCertificates.ca(rootName, spki(rootKey.publicKey()), notBefore, notAfter, null),
            rootName,
            SignatureSpec.ecdsa(Digest.SHA384),
            tbs -> element.signAttestation(rootElementKey, SignatureSpec.ecdsa(Digest.SHA384), tbs));

    // Path length 1 leaves room for the certificate of an attest key below the intermediate.
    KeyBinding keyBinding = new KeyBinding(KEY_TAG, positiveId(random));
    GeneratedKey key = element.generateKey(keyBinding, KEY_PARAMETERS);
    X509Certificate intermediate =
        AttestationCertificates.issue(
            AttestationCertificates.ca(
                name("keychain4j attestation key", serialNumber),
                spki(key.publicKey()),
                notBefore,
                notAfter,
                1),
            rootName,
            SignatureSpec.ecdsa(Digest.SHA384),
            tbs -> element.signAttestation(rootElementKey, SignatureSpec.ecdsa(Digest.SHA384), tbs));

    Map<String, byte[]> meta = new LinkedHashMap<>();
    meta.put(ROOT_ID, ByteBuffer.allocate(8).putLong(rootBinding.id()).array());
    meta.put(ROOT_KEY, rootKey.reference().bytes());
    meta.put(ROOT_CERTIFICATE, encoded(root));
    meta.put(KEY_ID, ByteBuffer.allocate(8).putLong(keyBinding.id()).array());
    meta.put(KEY, key.reference().bytes());
    meta.put(KEY_CERTIFICATE, encoded(intermediate));
    return meta;
  }

  /**
   * Loads the authority from a keychain's metadata.
   *
   * @return empty when the keychain has no attestation key
   * @throws KeyCorruptedException if the stored entries are incomplete or do not parse
   */
  public static Optional<AttestationAuthority> load(MetadataReader meta) throws KeychainException {
    Optional<byte[]> keyId = meta.read(KEY_ID);
    if (keyId.isEmpty()) {
      return Optional.empty();
    }
    byte[] key = meta.read(KEY).orElse(new byte[0]);
    byte[] rootDer = meta.read(ROOT_CERTIFICATE).orElse(new byte[0]);
    byte[] intermediateDer = meta.read(KEY_CERTIFICATE).orElse(new byte[0]);
    if (keyId.get().length != 8 || key.length == 0) {
      throw new KeyCorruptedException(
          "The stored attestation key of this keychain is incomplete: the keychain cannot attest"
              + " keys; create a new keychain to attest keys");
    }
    KeyBinding binding = new KeyBinding(KEY_TAG, ByteBuffer.wrap(keyId.get()).getLong());
    ElementKey elementKey =
        new ElementKey(binding, KEY_PARAMETERS, KeyReference.of(key), null);
    return Optional.of(
        new AttestationAuthority(elementKey, certificate(rootDer), certificate(intermediateDer)));
  }

  /** Returns the self-signed root certificate, which relying parties trust. */
  public X509Certificate root() {
    return root;
  }

  /** Returns the certificate of the attestation key, signed by the root. */
  public X509Certificate intermediate() {
    return intermediate;
  }

  /** Returns the chain above a leaf signed by the attestation key: intermediate, then root. */
  public List<X509Certificate> issuers() {
    return List.of(intermediate, root);
  }

  /** Authenticates the sealed attestation key in {@code element} without using it. */
  public void check(SecureElement element) throws KeychainException {
    element.checkKey(attestationKey);
  }

  /** Issues a leaf certificate signed by the attestation key inside {@code element}. */
  public X509Certificate issueLeaf(SecureElement element, AttestationCertificates.Template leaf)
      throws KeychainException {
    SignatureSpec spec = SignatureSpec.ecdsa(Digest.SHA256);
    return AttestationCertificates.issue(
        leaf,
        X500Name.getInstance(intermediate.getSubjectX500Principal().getEncoded()),
        spec,
        tbs -> element.signAttestation(attestationKey, spec, tbs));
  }

  /** Returns the leaf subject for an attested key, unique for keys with the attest-key purpose. */
  public static X500Name leafSubject(Set<Purpose> purposes, PublicKey publicKey) {
    if (!purposes.contains(Purpose.ATTEST_KEY)) {
      return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "keychain4j key").build();
    }
    // The certificates an attest key signs name it as issuer; a distinct name keeps them from
    // looking self-issued to path validation.
    byte[] digest;
    try {
      digest = java.security.MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JDK", e);
    }
    return name("keychain4j attest key", HexFormat.of().formatHex(digest, 0, 8));
  }

  /** Returns the SubjectPublicKeyInfo of a public key. */
  public static SubjectPublicKeyInfo spki(PublicKey publicKey) {
    return SubjectPublicKeyInfo.getInstance(publicKey.getEncoded());
  }

  private static X500Name name(String commonName, String serialNumber) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, "keychain4j")
        .addRDN(BCStyle.CN, commonName)
        .addRDN(BCStyle.SERIALNUMBER, serialNumber)
        .build();
  }

  private static byte[] encoded(X509Certificate certificate) throws KeychainException {
    try {
      return certificate.getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new KeychainException("Encoding an attestation certificate failed", e);
    }
  }

  private static X509Certificate certificate(byte[] der) throws KeyCorruptedException {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      throw new KeyCorruptedException(
          "A stored attestation certificate of this keychain does not parse: the keychain cannot"
              + " attest keys; create a new keychain to attest keys");
    }
  }

  private static byte[] randomBytes(SecureRandom random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static long positiveId(SecureRandom random) {
    long id;
    do {
      id = random.nextLong() & Long.MAX_VALUE;
    } while (id == 0);
    return id;
  }
}
