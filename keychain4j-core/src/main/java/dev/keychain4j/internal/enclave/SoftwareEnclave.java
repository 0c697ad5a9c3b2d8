package dev.keychain4j.internal.enclave;

import dev.keychain4j.AccessControl;
import dev.keychain4j.Accessibility;
import dev.keychain4j.Authenticator;
import dev.keychain4j.AuthenticatorType;
import dev.keychain4j.AuthorizationTag;
import dev.keychain4j.IncompatiblePurposeException;
import dev.keychain4j.InteractionNotAllowedException;
import dev.keychain4j.KeyPermanentlyInvalidatedException;
import dev.keychain4j.UserNotAuthenticatedException;
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
import dev.keychain4j.spi.AuthToken;
import dev.keychain4j.spi.ElementKey;
import dev.keychain4j.spi.GeneratedKey;
import dev.keychain4j.spi.KeyBinding;
import dev.keychain4j.spi.KeyReference;
import dev.keychain4j.spi.PasscodeVerification;
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
import java.util.Optional;
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
 *
 * <p>Lock state: keys whose accessibility needs an unlocked keychain are sealed under one derived
 * key, {@code AFTER_FIRST_UNLOCK} keys under another. {@link #lock()} wipes the first (and the
 * secret sealing key) and drops the cached keys of that class, so a locked enclave cannot unseal
 * them until {@link #unlock} unwraps the device key again. The second key, the counter key and the
 * token key stay in memory from the first unlock until {@link #close()}. An enclave opened with
 * {@link #openLocked} has no key at all until its first unlock.
 *
 * <p>User authentication: see {@link AuthTokens} and {@link PasscodeRecords}. A key with
 * {@code BIOMETRY_CURRENT_SET} is bound to the biometric enrollment id current at its generation:
 * its reference is {@code 2 || enrollment id (8 bytes) || sealed key}, and the id is part of the
 * sealed key's associated data.
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
  static final String AFTER_FIRST_UNLOCK_SEALING_INFO = "keychain4j key sealing after first unlock v1";
  static final String AFTER_FIRST_UNLOCK_SECRET_INFO = "keychain4j secret sealing after first unlock v1";
  static final String TOKEN_INFO = "keychain4j authentication token v1";
  static final String PASSCODE_INFO = "keychain4j passcode record v1";

  /** First byte of the reference of a key bound to a biometric enrollment. */
  private static final byte ENROLLMENT_BOUND = 2;

  private final SecureRandom random;
  private final byte[] wrappedDeviceKey;
  private final Map<Long, UnsealedKey> cache = new ConcurrentHashMap<>();
  private final Map<AuthenticatorType, Authenticator> authenticators = new ConcurrentHashMap<>();
  private volatile boolean closed;

  // Null while locked (the first two) or before the first unlock (all). Guarded by "this" for
  // writes; readers take a local copy.
  private volatile byte @Nullable [] keySealingKey;
  private volatile byte @Nullable [] secretSealingKey;
  private volatile byte @Nullable [] afterFirstUnlockKey;
  private volatile byte @Nullable [] afterFirstUnlockSecretKey;
  private volatile byte @Nullable [] counterMacKey;
  private volatile @Nullable AuthTokens tokens;
  private volatile @Nullable PasscodeRecords passcodes;

  private SoftwareEnclave(byte @Nullable [] deviceKey, byte[] wrappedDeviceKey, SecureRandom random) {
    this.random = random;
    this.wrappedDeviceKey = wrappedDeviceKey.clone();
    if (deviceKey != null) {
      deriveKeys(deviceKey);
    }
  }

  private synchronized void deriveKeys(byte[] deviceKey) {
    keySealingKey = Sealing.derive(deviceKey, KEY_SEALING_INFO);
    secretSealingKey = Sealing.derive(deviceKey, SECRET_SEALING_INFO);
    if (afterFirstUnlockKey == null) {
      afterFirstUnlockKey = Sealing.derive(deviceKey, AFTER_FIRST_UNLOCK_SEALING_INFO);
      afterFirstUnlockSecretKey = Sealing.derive(deviceKey, AFTER_FIRST_UNLOCK_SECRET_INFO);
      counterMacKey = Sealing.derive(deviceKey, COUNTER_INFO);
      byte[] tokenKey = Sealing.derive(deviceKey, TOKEN_INFO);
      byte[] passcodeKey = Sealing.derive(deviceKey, PASSCODE_INFO);
      tokens = new AuthTokens(tokenKey, random);
      passcodes = new PasscodeRecords(passcodeKey, random);
      Arrays.fill(tokenKey, (byte) 0);
      Arrays.fill(passcodeKey, (byte) 0);
    }
  }

  /**
   * Opens an enclave without its passphrase: locked, and never unlocked, so every item is refused
   * until {@link #unlock}. The agent starts this way.
   */
  public static SoftwareEnclave openLocked(byte[] wrappedDeviceKey) {
    return new SoftwareEnclave(null, wrappedDeviceKey, new SecureRandom());
  }

  @Override
  public void unlock(byte[] passphrase) throws KeychainException {
    ensureOpen();
    byte[] deviceKey = DeviceKeyWrapping.unwrap(wrappedDeviceKey, passphrase);
    try {
      deriveKeys(deviceKey);
    } finally {
      Arrays.fill(deviceKey, (byte) 0);
    }
  }

  @Override
  public synchronized void lock() {
    byte[] keys = keySealingKey;
    byte[] secrets = secretSealingKey;
    keySealingKey = null;
    secretSealingKey = null;
    cache.values().removeIf(key -> key.authorizations.accessibility().requiresUnlocked());
    // Operations that already read the old arrays may still be unsealing with them. Wiping now
    // makes such an operation fail authentication instead of finishing, which is acceptable
    // for an operation that overlaps a lock.
    if (keys != null) {
      Arrays.fill(keys, (byte) 0);
    }
    if (secrets != null) {
      Arrays.fill(secrets, (byte) 0);
    }
  }

  @Override
  public boolean isLocked() {
    return keySealingKey == null;
  }

  /** Returns whether the enclave was unlocked at least once since it was opened. */
  public boolean wasUnlocked() {
    return afterFirstUnlockKey != null;
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
    byte[] sealingKey = sealingKeyFor(binding, authorizations);
    long enrollment = 0;
    boolean enrollmentBound = needs(authorizations, AuthenticatorType.BIOMETRY_CURRENT_SET);
    if (enrollmentBound) {
      enrollment = authenticator(AuthenticatorType.BIOMETRY_CURRENT_SET, "key '" + binding.tag() + "'").enrollmentId();
    }
    KeyPair pair = generateKeyPair(authorizations.algorithm());
    byte[] pkcs8 = pair.getPrivate().getEncoded();
    try {
      byte[] sealed =
          Sealing.seal(aesKey(sealingKey), keyContext(binding, authorizations, enrollment), pkcs8, random);
      KeyReference reference =
          KeyReference.of(enrollmentBound ? ByteBuffer.allocate(9 + sealed.length)
              .put(ENROLLMENT_BOUND).putLong(enrollment).put(sealed).array() : sealed);
      PrivateKeyOperations operations =
          PrivateKeyOperations.fromPkcs8(authorizations.algorithm(), pkcs8, random);
      remember(new UnsealedKey(binding, authorizations, reference, pair.getPublic().getEncoded(), operations, enrollment));
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
    checkAccessControl(key, unsealed);
    if (unsealed.authorizations.usageLimit().isPresent()) {
      checkCounter(key);
    }
    return unsealed;
  }

  private void checkAccessControl(ElementKey key, UnsealedKey unsealed) throws KeychainException {
    Optional<AccessControl> accessControl = unsealed.authorizations.accessControl();
    if (accessControl.isEmpty()) {
      return;
    }
    String tag = key.binding().tag();
    if (!accessControl.get().privateKeyUsage()) {
      throw new IncompatiblePurposeException(
          "Key '" + tag + "' has an access control without private-key-usage, so it allows no"
              + " private-key operation: generate the key with private-key-usage in --access");
    }
    if (!accessControl.get().requiresAuthentication()) {
      return;
    }
    if (accessControl.get().types().contains(AuthenticatorType.BIOMETRY_CURRENT_SET)) {
      Authenticator biometric = authenticators.get(AuthenticatorType.BIOMETRY_ANY);
      if (biometric != null && biometric.enrollmentId() != unsealed.enrollment) {
        throw new KeyPermanentlyInvalidatedException(
            "Key '" + tag + "' is bound to the biometric enrollment at its generation, and the"
                + " enrollment changed: the key is permanently invalidated. Delete it and generate"
                + " a new one");
      }
    }
    tokens(tag).check(key.binding(), unsealed.authorizations, key.authTokens(), unsealed.enrollment);
  }

  private static boolean needs(KeyParameters authorizations, AuthenticatorType type) {
    return authorizations.accessControl().map(a -> a.types().contains(type)).orElse(false);
  }

  private AuthTokens tokens(String tag) throws InteractionNotAllowedException {
    AuthTokens current = tokens;
    if (current == null) {
      throw new InteractionNotAllowedException(
          tag, Accessibility.AFTER_FIRST_UNLOCK,
          "Item '" + tag + "' needs user authentication, which is not possible before the first"
              + " unlock: unlock the keychain (keychain unlock) and retry");
    }
    return current;
  }

  /** Returns the registered authenticator for a required type; biometric types share one. */
  private Authenticator authenticator(AuthenticatorType type, String purpose) throws KeychainException {
    AuthenticatorType registeredAs =
        type == AuthenticatorType.BIOMETRY_CURRENT_SET ? AuthenticatorType.BIOMETRY_ANY : type;
    Authenticator authenticator = authenticators.get(registeredAs);
    if (authenticator == null) {
      throw new UserNotAuthenticatedException(
          type.cliName() + " authentication is needed for " + purpose + " but no"
              + " authenticator of that type is registered: register one with"
              + " Keychain.registerAuthenticator");
    }
    return authenticator;
  }

  @Override
  public void registerAuthenticator(Authenticator authenticator) {
    AuthenticatorType type = authenticator.type();
    if (type != AuthenticatorType.USER_PRESENCE && type != AuthenticatorType.BIOMETRY_ANY) {
      throw new IllegalArgumentException(
          "Cannot register an authenticator of type " + type.cliName() + ": register"
              + " user-presence or biometry-any authenticators; passcodes are checked by the"
              + " element with a PasscodePrompt");
    }
    authenticators.put(type, authenticator);
  }

  @Override
  public long beginOperation(KeyBinding binding) throws KeychainException {
    ensureOpen();
    return tokens(binding.tag()).beginOperation(binding);
  }

  @Override
  public AuthToken authenticate(AuthenticatorType type, long challenge, String reason)
      throws KeychainException {
    ensureOpen();
    if (type == AuthenticatorType.DEVICE_PASSCODE) {
      throw new IllegalArgumentException("Passcodes are verified with verifyPasscode");
    }
    AuthTokens issuer = tokens(reason);
    Authenticator authenticator = authenticator(type, reason);
    authenticator.authenticate(reason);
    AuthenticatorType tokenType =
        type == AuthenticatorType.BIOMETRY_CURRENT_SET ? AuthenticatorType.BIOMETRY_ANY : type;
    return issuer.issue(tokenType, authenticator.enrollmentId(), challenge);
  }

  @Override
  public byte[] createPasscodeRecord(char[] passcode) throws KeychainException {
    ensureOpen();
    if (isLocked()) {
      throw new InteractionNotAllowedException(
          "passcode", Accessibility.WHEN_UNLOCKED,
          "The passcode can be set only while the keychain is unlocked: unlock it and retry");
    }
    return passcodeRecords().create(passcode);
  }

  @Override
  public byte[] countPasscodeAttempt(byte[] record) throws KeychainException {
    ensureOpen();
    return passcodeRecords().countAttempt(record);
  }

  @Override
  public PasscodeVerification verifyPasscode(byte[] countedRecord, char[] passcode, long challenge)
      throws KeychainException {
    ensureOpen();
    PasscodeRecords.Result result = passcodeRecords().verify(countedRecord, passcode);
    AuthToken token =
        result.matched ? tokens("passcode").issue(AuthenticatorType.DEVICE_PASSCODE, 0, challenge) : null;
    return new PasscodeVerification(result.record, token);
  }

  private PasscodeRecords passcodeRecords() throws InteractionNotAllowedException {
    PasscodeRecords current = passcodes;
    if (current == null) {
      throw new InteractionNotAllowedException(
          "passcode", Accessibility.AFTER_FIRST_UNLOCK,
          "The passcode cannot be checked before the first unlock: unlock the keychain and retry");
    }
    return current;
  }

  private byte[] sealingKeyFor(KeyBinding binding, KeyParameters authorizations)
      throws InteractionNotAllowedException {
    Accessibility accessibility = authorizations.accessibility();
    byte[] key = accessibility.requiresUnlocked() ? keySealingKey : afterFirstUnlockKey;
    if (key == null) {
      throw interactionNotAllowed(binding.tag(), accessibility);
    }
    return key;
  }

  private InteractionNotAllowedException interactionNotAllowed(String tag, Accessibility accessibility) {
    String state = wasUnlocked() ? "locked" : "locked and was not unlocked since it started";
    return new InteractionNotAllowedException(
        tag, accessibility,
        "Item '" + tag + "' is accessible " + accessibility.cliName() + " and the keychain is "
            + state + ": unlock it (keychain unlock) and retry");
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
      Accessibility accessibility = cached.authorizations.accessibility();
      if (accessibility.requiresUnlocked() && isLocked()) {
        throw interactionNotAllowed(key.binding().tag(), accessibility);
      }
      return cached;
    }

    KeyParameters authorizations = key.authorizations();
    byte[] sealingKey = sealingKeyFor(key.binding(), authorizations);
    byte[] reference = key.reference().bytes();
    long enrollment = 0;
    if (reference.length > 9 && reference[0] == ENROLLMENT_BOUND) {
      enrollment = ByteBuffer.wrap(reference, 1, 8).getLong();
      reference = Arrays.copyOfRange(reference, 9, reference.length);
    }
    byte[] pkcs8;
    try {
      pkcs8 = Sealing.unseal(aesKey(sealingKey), keyContext(key.binding(), authorizations, enrollment), reference);
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
    UnsealedKey unsealed =
        new UnsealedKey(key.binding(), authorizations, key.reference(), publicKey, operations, enrollment);
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

  private static byte[] keyContext(KeyBinding binding, KeyParameters authorizations, long enrollment) {
    byte[] encoded = AuthorizationCodec.encode(authorizations);
    if (needs(authorizations, AuthenticatorType.BIOMETRY_CURRENT_SET)) {
      encoded = ByteBuffer.allocate(encoded.length + 8).put(encoded).putLong(enrollment).array();
    }
    return Sealing.context(KEY_DOMAIN, binding.tag(), binding.id(), encoded);
  }

  @Override
  public UsageCounter authenticateCounter(KeyBinding binding, int remaining)
      throws InteractionNotAllowedException {
    ensureOpen();
    return UsageCounter.of(remaining, counterMac(binding, remaining));
  }

  private byte[] counterMac(KeyBinding binding, int remaining) throws InteractionNotAllowedException {
    byte[] key = counterMacKey;
    if (key == null) {
      throw interactionNotAllowed(binding.tag(), Accessibility.AFTER_FIRST_UNLOCK);
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(Sealing.context(COUNTER_DOMAIN, binding.tag(), binding.id(), ByteBuffer.allocate(4).putInt(remaining).array()));
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available in this JDK", e);
    }
  }

  @Override
  public byte[] sealSecret(KeyBinding binding, byte[] secret) throws InteractionNotAllowedException {
    return sealSecret(binding, secret, Accessibility.WHEN_UNLOCKED);
  }

  @Override
  public byte[] unsealSecret(KeyBinding binding, byte[] sealed) throws KeychainException {
    return unsealSecret(binding, sealed, Accessibility.WHEN_UNLOCKED);
  }

  // A WHEN_UNLOCKED secret keeps the original context with no extra bytes, so secrets stored
  // before accessibility existed still unseal. Other secrets bind the accessibility code.
  private static byte[] secretContext(KeyBinding binding, Accessibility accessibility) {
    byte[] extra =
        accessibility == Accessibility.WHEN_UNLOCKED
            ? new byte[0]
            : new byte[] {(byte) AuthorizationCodec.accessibilityCode(accessibility)};
    return Sealing.context(SECRET_DOMAIN, binding.tag(), binding.id(), extra);
  }

  @Override
  public byte[] sealSecret(KeyBinding binding, byte[] secret, Accessibility accessibility)
      throws InteractionNotAllowedException {
    ensureOpen();
    return Sealing.seal(aesKey(secretKey(binding, accessibility)), secretContext(binding, accessibility), secret, random);
  }

  @Override
  public byte[] unsealSecret(KeyBinding binding, byte[] sealed, Accessibility accessibility)
      throws KeychainException {
    ensureOpen();
    try {
      return Sealing.unseal(aesKey(secretKey(binding, accessibility)), secretContext(binding, accessibility), sealed);
    } catch (AEADBadTagException e) {
      throw new KeyCorruptedException(
          "Secret '" + binding.tag() + "' failed authentication: it was edited or belongs to"
              + " another keychain. Delete it and store it again");
    }
  }

  /** Returns the secret sealing key of the accessibility's lock class. */
  private byte[] secretKey(KeyBinding binding, Accessibility accessibility)
      throws InteractionNotAllowedException {
    byte[] key = accessibility.requiresUnlocked() ? secretSealingKey : afterFirstUnlockSecretKey;
    if (key == null) {
      throw interactionNotAllowed(binding.tag(), accessibility);
    }
    return key;
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
    lock();
    byte[] afterFirstUnlock = afterFirstUnlockKey;
    byte[] afterFirstUnlockSecrets = afterFirstUnlockSecretKey;
    byte[] counter = counterMacKey;
    afterFirstUnlockKey = null;
    afterFirstUnlockSecretKey = null;
    if (afterFirstUnlockSecrets != null) {
      Arrays.fill(afterFirstUnlockSecrets, (byte) 0);
    }
    counterMacKey = null;
    if (afterFirstUnlock != null) {
      Arrays.fill(afterFirstUnlock, (byte) 0);
    }
    if (counter != null) {
      Arrays.fill(counter, (byte) 0);
    }
    AuthTokens issuer = tokens;
    if (issuer != null) {
      issuer.wipe();
    }
    PasscodeRecords records = passcodes;
    if (records != null) {
      records.wipe();
    }
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
    final long enrollment;

    UnsealedKey(
        KeyBinding binding,
        KeyParameters authorizations,
        KeyReference reference,
        byte @Nullable [] publicKey,
        PrivateKeyOperations operations,
        long enrollment) {
      this.binding = binding;
      this.authorizations = authorizations;
      this.reference = reference;
      this.publicKey = publicKey;
      this.operations = operations;
      this.enrollment = enrollment;
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
