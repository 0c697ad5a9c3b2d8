package dev.keychain4j.internal.enclave;

import dev.keychain4j.AuthorizationTag;
import dev.keychain4j.Digest;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyCorruptedException;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.KeychainException;
import dev.keychain4j.Padding;
import dev.keychain4j.Purpose;
import dev.keychain4j.SecurityLevel;
import dev.keychain4j.SignatureSpec;
import dev.keychain4j.UsageLimitExhaustedException;
import dev.keychain4j.WrongPassphraseException;
import dev.keychain4j.internal.AuthorizationCodec;
import dev.keychain4j.internal.BouncyCastle;
import dev.keychain4j.internal.Policy;
import dev.keychain4j.spi.ElementKey;
import dev.keychain4j.spi.GeneratedKey;
import dev.keychain4j.spi.KeyBinding;
import dev.keychain4j.spi.KeyReference;
import dev.keychain4j.spi.SecureElement;
import dev.keychain4j.spi.UsageCounter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The built-in secure element: keys live in the process, protected at rest by a device key that
 * the user's passphrase unwraps. Its security level is {@link SecurityLevel#SOFTWARE} and never
 * higher, because anything that can read this process's memory can read the keys.
 *
 * <p>Each private key is stored as its PKCS#8 encoding sealed with AES-256-GCM under a key derived
 * from the device key with HKDF. The associated data is the key's tag, id and the canonical
 * encoding of all its authorizations ({@link AuthorizationCodec}), so a stored authorization that
 * was edited makes the key fail with {@code KeyCorruptedException}. The stored public key is not
 * sealed: on unsealing, the enclave computes the public key from the private key and rejects a
 * stored public key with another encoding, with {@code KeyCorruptedException} too.
 *
 * <p>The remaining-use counter of a key with a usage limit is authenticated with HMAC-SHA256
 * under another device-derived key, over the tag, id and count. Editing the count, moving it to
 * another key or setting it above the limit is detected. Restoring an older copy of the counter
 * row (a rollback by someone who can write the database file) is not detected: a file-based
 * element has no monotonic storage. Such a rollback can give back at most the uses made since the
 * copy, never more than the sealed usage limit.
 *
 * <p>Unsealed keys are cached in memory by item id, so a signature costs no AES-GCM or HKDF. A
 * cached key is used only when the binding, authorizations, sealed reference and public key
 * handed in are exactly those it was unsealed and checked with.
 */
public final class SoftwareEnclave implements SecureElement {
  public static final String NAME = "software-enclave";

  /** The cache is dropped whole when it grows past this many keys, which bounds its memory. */
  private static final int MAX_CACHED_KEYS = 4096;

  private static final Set<AuthorizationTag> ALL_TAGS =
      Collections.unmodifiableSet(EnumSet.allOf(AuthorizationTag.class));

  static final String KEY_DOMAIN = "keychain4j/key/v1";
  static final String SECRET_DOMAIN = "keychain4j/secret/v1";
  static final String COUNTER_DOMAIN = "keychain4j/counter/v1";
  static final String KEY_SEALING_INFO = "keychain4j key sealing v1";
  static final String SECRET_SEALING_INFO = "keychain4j secret sealing v1";
  static final String COUNTER_INFO = "keychain4j usage counter v1";

  private final SecureRandom random;
  private final byte[] wrappedDeviceKey;
  private final byte[] keySealingKey;
  private final byte[] secretSealingKey;
  private final byte[] counterMacKey;
  private final Map<Long, UnsealedKey> cache = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private SoftwareEnclave(byte[] deviceKey, byte[] wrappedDeviceKey, SecureRandom random) {
    this.random = random;
    this.wrappedDeviceKey = wrappedDeviceKey.clone();
    this.keySealingKey = Sealing.derive(deviceKey, KEY_SEALING_INFO);
    this.secretSealingKey = Sealing.derive(deviceKey, SECRET_SEALING_INFO);
    this.counterMacKey = Sealing.derive(deviceKey, COUNTER_INFO);
  }

  /** Creates an enclave with a new random device key; store {@link #wrappedDeviceKey()}. */
  public static SoftwareEnclave create(byte[] passphrase) {
    SecureRandom random = new SecureRandom();
    byte[] deviceKey = new byte[DeviceKeyWrapping.DEVICE_KEY_LENGTH];
    random.nextBytes(deviceKey);
    try {
      byte[] wrapped = DeviceKeyWrapping.wrap(deviceKey, passphrase, random);
      return new SoftwareEnclave(deviceKey, wrapped, random);
    } finally {
      Arrays.fill(deviceKey, (byte) 0);
    }
  }

  /** Opens an enclave from its wrapped device key record. */
  public static SoftwareEnclave open(byte[] wrappedDeviceKey, byte[] passphrase)
      throws WrongPassphraseException, KeyCorruptedException {
    byte[] deviceKey = DeviceKeyWrapping.unwrap(wrappedDeviceKey, passphrase);
    try {
      return new SoftwareEnclave(deviceKey, wrappedDeviceKey, new SecureRandom());
    } finally {
      Arrays.fill(deviceKey, (byte) 0);
    }
  }

  /** Returns the device key wrapped under the passphrase, to be stored with the keychain. */
  public byte[] wrappedDeviceKey() {
    return wrappedDeviceKey.clone();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SecurityLevel securityLevel() {
    return SecurityLevel.SOFTWARE;
  }

  @Override
  public Set<AuthorizationTag> enforcedAuthorizations(KeyParameters parameters) {
    return ALL_TAGS;
  }

  @Override
  public GeneratedKey generateKey(KeyBinding binding, KeyParameters parameters)
      throws KeychainException {
    ensureOpen();
    KeyParameters authorizations = parameters.withoutLabel();
    KeyPair pair = generateKeyPair(authorizations.algorithm());
    byte[] pkcs8 = pair.getPrivate().getEncoded();
    try {
      byte[] sealed = Sealing.seal(aesKey(keySealingKey), keyContext(binding, authorizations), pkcs8, random);
      KeyReference reference = KeyReference.of(sealed);
      PrivateKeyOperations operations =
          PrivateKeyOperations.fromPkcs8(authorizations.algorithm(), pkcs8, random);
      remember(new UnsealedKey(binding, authorizations, reference, pair.getPublic().getEncoded(), operations));
      return new GeneratedKey(reference, pair.getPublic());
    } catch (IOException | GeneralSecurityException e) {
      throw new KeychainException(
          "Generating a " + authorizations.algorithm().cliName() + " key for '" + binding.tag()
              + "' failed in the software enclave",
          e);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  private KeyPair generateKeyPair(KeyAlgorithm algorithm) throws KeychainException {
    try {
      KeyPairGenerator generator;
      switch (algorithm) {
        case EC_P256:
        case EC_P384:
        case EC_P521:
          generator = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
          generator.initialize(new ECGenParameterSpec(curveName(algorithm)), random);
          break;
        case ED25519:
          generator = KeyPairGenerator.getInstance("Ed25519", BouncyCastle.PROVIDER);
          generator.initialize(255, random);
          break;
        case X25519:
          generator = KeyPairGenerator.getInstance("X25519", BouncyCastle.PROVIDER);
          generator.initialize(255, random);
          break;
        default:
          generator = KeyPairGenerator.getInstance("RSA", BouncyCastle.PROVIDER);
          generator.initialize(
              new RSAKeyGenParameterSpec(rsaBits(algorithm), RSAKeyGenParameterSpec.F4), random);
          break;
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new KeychainException("Key generation for " + algorithm.cliName() + " failed", e);
    }
  }

  private static String curveName(KeyAlgorithm algorithm) {
    switch (algorithm) {
      case EC_P256:
        return "secp256r1";
      case EC_P384:
        return "secp384r1";
      default:
        return "secp521r1";
    }
  }

  private static int rsaBits(KeyAlgorithm algorithm) {
    switch (algorithm) {
      case RSA_2048:
        return 2048;
      case RSA_3072:
        return 3072;
      default:
        return 4096;
    }
  }

  @Override
  public byte[] sign(ElementKey key, SignatureSpec spec, byte[] message) throws KeychainException {
    UnsealedKey unsealed = authorize(key, Purpose.SIGN, spec.keyFamily(), spec.digest(), spec.padding());
    return unsealed.operations.sign(spec, message);
  }

  @Override
  public byte[] signAttestation(ElementKey key, SignatureSpec spec, byte[] toBeSigned)
      throws KeychainException {
    UnsealedKey unsealed =
        authorize(key, Purpose.ATTEST_KEY, spec.keyFamily(), spec.digest(), spec.padding());
    return unsealed.operations.sign(spec, toBeSigned);
  }

  @Override
  public byte[] decrypt(ElementKey key, Digest oaepDigest, byte[] ciphertext)
      throws KeychainException {
    UnsealedKey unsealed =
        authorize(key, Purpose.DECRYPT, KeyAlgorithm.Family.RSA, oaepDigest, Padding.RSA_OAEP);
    return unsealed.operations.decrypt(oaepDigest, ciphertext, key.binding().tag());
  }

  @Override
  public byte[] agree(ElementKey key, PublicKey peer) throws KeychainException {
    // Both EC and X25519 keys agree; the purpose check rejects every other key first.
    KeyAlgorithm.Family family =
        key.authorizations().algorithm().family() == KeyAlgorithm.Family.X25519
            ? KeyAlgorithm.Family.X25519
            : KeyAlgorithm.Family.EC;
    UnsealedKey unsealed = authorize(key, Purpose.AGREE_KEY, family, null, Padding.NONE);
    return unsealed.operations.agree(peer, key.binding().tag());
  }

  @Override
  public void checkKey(ElementKey key) throws KeychainException {
    unsealed(key);
    if (key.authorizations().usageLimit().isPresent()) {
      checkCounter(key);
    }
  }

  private UnsealedKey authorize(
      ElementKey key,
      Purpose purpose,
      KeyAlgorithm.Family family,
      @Nullable Digest digest,
      Padding padding)
      throws KeychainException {
    UnsealedKey unsealed = unsealed(key);
    Policy.check(
        key.binding().tag(),
        unsealed.authorizations,
        ALL_TAGS,
        purpose,
        family,
        digest,
        padding);
    if (unsealed.authorizations.usageLimit().isPresent()) {
      checkCounter(key);
    }
    return unsealed;
  }

  private void checkCounter(ElementKey key) throws KeychainException {
    String tag = key.binding().tag();
    UsageCounter counter =
        key.counter()
            .orElseThrow(
                () -> new KeyCorruptedException(
                    "Key '" + tag + "' has a usage limit but no stored usage counter: delete the"
                        + " key"));
    int limit = key.authorizations().usageLimit().getAsInt();
    byte[] expected = counterMac(key.binding(), counter.remaining());
    if (counter.remaining() > limit || !MessageDigest.isEqual(expected, counter.authenticator())) {
      throw new KeyCorruptedException(
          "The usage counter of key '" + tag + "' failed authentication: it was edited outside"
              + " keychain4j. The key cannot be used; delete it");
    }
    if (counter.remaining() == 0) {
      throw new UsageLimitExhaustedException(
          "Key '" + tag + "' has used all " + limit + " of its allowed uses: generate a new key");
    }
  }

  private UnsealedKey unsealed(ElementKey key) throws KeychainException {
    ensureOpen();
    UnsealedKey cached = cache.get(key.binding().id());
    if (cached != null && cached.matches(key)) {
      return cached;
    }

    KeyParameters authorizations = key.authorizations();
    byte[] pkcs8;
    try {
      pkcs8 = Sealing.unseal(aesKey(keySealingKey), keyContext(key.binding(), authorizations), key.reference().bytes());
    } catch (AEADBadTagException e) {
      throw new KeyCorruptedException(
          "Key '" + key.binding().tag() + "' failed authentication: its stored authorizations or"
              + " sealed key were edited, or it belongs to another keychain. The key cannot be"
              + " used; delete it");
    }
    PrivateKeyOperations operations;
    byte[] computedPublicKey;
    try {
      operations = PrivateKeyOperations.fromPkcs8(authorizations.algorithm(), pkcs8, random);
      computedPublicKey = operations.publicKeyEncoding();
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      // The blob authenticated, so this is a key of another algorithm sealed with the same
      // authorizations: it cannot come from this enclave.
      throw new KeyCorruptedException(
          "Key '" + key.binding().tag() + "' does not parse as a " + authorizations.algorithm().cliName()
              + " private key: delete it");
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }

    byte[] publicKey = key.publicKey().orElse(null);
    if (publicKey != null && !Arrays.equals(publicKey, computedPublicKey)) {
      throw new KeyCorruptedException(
          "The stored public key of key '" + key.binding().tag() + "' does not match its sealed"
              + " private key: it was edited outside keychain4j. The key cannot be used; delete it");
    }
    UnsealedKey unsealed = new UnsealedKey(key.binding(), authorizations, key.reference(), publicKey, operations);
    remember(unsealed);
    return unsealed;
  }

  private void remember(UnsealedKey unsealed) {
    if (cache.size() >= MAX_CACHED_KEYS) {
      cache.clear();
    }
    cache.put(unsealed.binding.id(), unsealed);
  }

  private static SecretKey aesKey(byte[] bytes) {
    return new SecretKeySpec(bytes, "AES");
  }

  private static byte[] keyContext(KeyBinding binding, KeyParameters authorizations) {
    return Sealing.context(KEY_DOMAIN, binding.tag(), binding.id(), AuthorizationCodec.encode(authorizations));
  }

  @Override
  public UsageCounter authenticateCounter(KeyBinding binding, int remaining) {
    ensureOpen();
    return UsageCounter.of(remaining, counterMac(binding, remaining));
  }

  private byte[] counterMac(KeyBinding binding, int remaining) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(counterMacKey, "HmacSHA256"));
      mac.update(Sealing.context(COUNTER_DOMAIN, binding.tag(), binding.id(), ByteBuffer.allocate(4).putInt(remaining).array()));
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available in this JDK", e);
    }
  }

  @Override
  public byte[] sealSecret(KeyBinding binding, byte[] secret) {
    ensureOpen();
    return Sealing.seal(aesKey(secretSealingKey), Sealing.context(SECRET_DOMAIN, binding.tag(), binding.id(), new byte[0]), secret, random);
  }

  @Override
  public byte[] unsealSecret(KeyBinding binding, byte[] sealed) throws KeychainException {
    ensureOpen();
    try {
      return Sealing.unseal(aesKey(secretSealingKey), Sealing.context(SECRET_DOMAIN, binding.tag(), binding.id(), new byte[0]), sealed);
    } catch (AEADBadTagException e) {
      throw new KeyCorruptedException(
          "Secret '" + binding.tag() + "' failed authentication: it was edited or belongs to"
              + " another keychain. Delete it and store it again");
    }
  }

  @Override
  public void destroyKey(KeyBinding binding, KeyReference reference) {
    cache.remove(binding.id());
  }

  /** Drops every cached unsealed key, so the next use of each key unseals it again. */
  public void clearCache() {
    cache.clear();
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("The software enclave is closed: open the keychain again");
    }
  }

  /**
   * Drops the cached keys and wipes the derived key bytes this class holds. Copies inside JCA key
   * objects (SecretKeySpec, BouncyCastle private keys) cannot be wiped from Java; they become
   * garbage.
   */
  @Override
  public void close() {
    closed = true;
    cache.clear();
    Arrays.fill(keySealingKey, (byte) 0);
    Arrays.fill(secretSealingKey, (byte) 0);
    Arrays.fill(counterMacKey, (byte) 0);
  }

  @Override
  public String toString() {
    return "SoftwareEnclave{securityLevel=SOFTWARE, cachedKeys=" + cache.size() + "}";
  }

  /**
   * A key unsealed from a reference, with the authorizations that authenticated it and the public
   * key checked against it (null when none was handed in).
   */
  private static final class UnsealedKey {
    final KeyBinding binding;
    final KeyParameters authorizations;
    final KeyReference reference;
    final byte @Nullable [] publicKey;
    final PrivateKeyOperations operations;

    UnsealedKey(
        KeyBinding binding,
        KeyParameters authorizations,
        KeyReference reference,
        byte @Nullable [] publicKey,
        PrivateKeyOperations operations) {
      this.binding = binding;
      this.authorizations = authorizations;
      this.reference = reference;
      this.publicKey = publicKey;
      this.operations = operations;
    }

    /** Returns whether {@code key} carries exactly what this key was unsealed with. */
    boolean matches(@Nullable ElementKey key) {
      return key != null
          && binding.equals(key.binding())
          && authorizations.equals(key.authorizations())
          && reference.contentEquals(key.reference())
          && key.hasPublicKey(publicKey);
    }
  }
}
