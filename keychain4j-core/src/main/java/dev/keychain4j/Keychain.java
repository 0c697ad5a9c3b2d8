package dev.keychain4j;

import dev.keychain4j.internal.AuthorizationCodec;
import dev.keychain4j.internal.BackupFile;
import dev.keychain4j.internal.BouncyCastle;
import dev.keychain4j.internal.CertificationRequests;
import dev.keychain4j.internal.MalformedDataException;
import dev.keychain4j.internal.Policy;
import dev.keychain4j.internal.PublicKeys;
import dev.keychain4j.internal.agent.AgentElement;
import dev.keychain4j.internal.attestation.AttestationAuthority;
import dev.keychain4j.internal.attestation.AttestationCertificates;
import dev.keychain4j.internal.attestation.AuthorizationListEncoder;
import dev.keychain4j.internal.attestation.KeyDescriptionEncoder;
import dev.keychain4j.internal.enclave.SoftwareEnclave;
import dev.keychain4j.internal.store.ItemStore;
import dev.keychain4j.internal.store.KeyRow;
import dev.keychain4j.internal.store.SealedItemRow;
import dev.keychain4j.spi.AuthToken;
import dev.keychain4j.spi.ElementKey;
import dev.keychain4j.spi.ElementSetup;
import dev.keychain4j.spi.GeneratedKey;
import dev.keychain4j.spi.KeyAdoption;
import dev.keychain4j.spi.KeyBinding;
import dev.keychain4j.spi.KeyReference;
import dev.keychain4j.spi.SecureElement;
import dev.keychain4j.spi.SecureElementProvider;
import dev.keychain4j.spi.UsageCounter;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.x500.X500Name;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A keychain: items (keys, certificates, identities, secrets) stored in one directory, with
 * private keys generated and used inside a secure element under the authorizations they were
 * created with. The element is the built-in software enclave ({@link SecurityLevel#SOFTWARE}) or one
 * that another module provides ({@link SecureElementProvider}), chosen when the keychain is created
 * and recorded in it; the keychain talks to it only through {@link SecureElement}.
 *
 * <p>Thread-safe. Keys without a usage limit are cached after their first use, so a signature
 * costs no database read. To notice changes made by other processes (or other {@code Keychain}
 * instances), an operation reads SQLite's {@code PRAGMA data_version} when the last read is more
 * than {@value #CHANGE_CHECK_INTERVAL_MILLIS} ms old, and drops the cache when it changed. So a key
 * deleted or edited by another process is seen by every operation that starts at least that long
 * after the other process committed. The read is not done on every call because it costs about
 * 5 us through sqlite-jdbc, as much as 10% of an Ed25519 signature.
 *
 * <p>Operations on keys with a usage limit run inside a database write transaction. The count is
 * read, checked, and decremented after the operation succeeds, in the same transaction. So
 * processes sharing a keychain never exceed the limit, and such operations run one at a time.
 *
 * <p>The keychain neither modifies nor keeps the passphrase arrays it is given: callers should
 * wipe them.
 */
public final class Keychain implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Keychain.class);

  private static final String DEVICE_KEY = "device_key";
  private static final String ELEMENT = "element";
  private static final String ELEMENT_CONFIG = "element_config";
  private static final String SCHEMA_VERSION = "schema_version";

  /** Maximum age of the last read of the database's change counter when an operation starts. */
  public static final long CHANGE_CHECK_INTERVAL_MILLIS = 1;

  private static final long CHANGE_CHECK_INTERVAL_NANOS = CHANGE_CHECK_INTERVAL_MILLIS * 1_000_000;

  /** The largest generic secret accepted, in bytes. */
  public static final int MAX_SECRET_LENGTH = 1 << 20;

  private final Path directory;
  private final ItemStore store;
  private final SecureElement element;
  private final UserAuthentication authentication;
  private final @Nullable AttestationAuthority attestation;
  private final @Nullable ApplicationIdentity application;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, CachedKey> keyCache = new ConcurrentHashMap<>();
  private long seenDataVersion;
  private long lastChangeCheck;
  private volatile boolean closed;

  private Keychain(
      Path directory,
      ItemStore store,
      SecureElement element,
      @Nullable ApplicationIdentity application)
      throws KeychainException {
    this.directory = directory;
    this.store = store;
    this.element = element;
    this.authentication = new UserAuthentication(store, element);
    this.attestation = AttestationAuthority.load(store::meta).orElse(null);
    this.application = application;
    this.seenDataVersion = store.dataVersion();
    this.lastChangeCheck = System.nanoTime();
  }

  /** Returns {@code $KEYCHAIN4J_HOME} if set, else {@code ~/.keychain4j}. */
  public static Path defaultDirectory() {
    String home = System.getenv("KEYCHAIN4J_HOME");
    if (home != null && !home.isBlank()) {
      return Path.of(home);
    }
    return Path.of(System.getProperty("user.home"), ".keychain4j");
  }

  /**
   * Creates a keychain in {@code directory} (created with mode 0700 if missing) with the built-in
   * software enclave: a new random device key wrapped under {@code passphrase}, and an attestation
   * root and attestation key generated in the element. Its attestations carry no application
   * identity.
   *
   * @throws KeychainExistsException if the directory already contains a keychain
   * @throws IllegalArgumentException if the passphrase is empty
   */
  public static Keychain create(Path directory, char[] passphrase) throws KeychainException {
    return create(directory, passphrase, null);
  }

  /**
   * Creates a keychain as {@link #create(Path, char[])} does, opened for {@code application}, whose
   * identity the attestations of this instance carry.
   */
  public static Keychain create(
      Path directory, char[] passphrase, @Nullable ApplicationIdentity application)
      throws KeychainException {
    return create(directory, SoftwareEnclave.NAME, Map.of(), passphrase, application);
  }

  /**
   * Creates a keychain in {@code directory} whose keys live in the secure element named {@code
   * elementName}, set up with {@code options}. The element's configuration is stored in the
   * keychain so that {@link #open} finds it again; {@code secret} (a passphrase or token PIN) is
   * not stored.
   *
   * @throws KeychainExistsException if the directory already contains a keychain
   * @throws IllegalArgumentException if the secret is empty, no element has the name, or an
   *     option is invalid
   */
  public static Keychain create(
      Path directory, String elementName, Map<String, String> options, char[] secret)
      throws KeychainException {
    return create(directory, elementName, options, secret, null);
  }

  /**
   * Creates a keychain as {@link #create(Path, String, Map, char[])} does, opened for {@code
   * application}, whose identity the attestations of this instance carry (null for none).
   */
  public static Keychain create(
      Path directory,
      String elementName,
      Map<String, String> options,
      char[] secret,
      @Nullable ApplicationIdentity application)
      throws KeychainException {
    Objects.requireNonNull(elementName, "elementName");
    Objects.requireNonNull(options, "options");
    checkSecret(secret);
    SecureElementProvider provider =
        provider(elementName)
            .orElseThrow(
                () -> new IllegalArgumentException(
                    "Unknown secure element '" + elementName + "': use " + SoftwareEnclave.NAME
                        + " or add the module that provides it"));
    ItemStore store = ItemStore.open(directory, true);
    try {
      if (store.meta(ELEMENT).isPresent()) {
        throw new KeychainExistsException(
            "A keychain already exists in " + directory + ": open it, or choose an empty"
                + " directory for a new one");
      }
      ElementSetup setup = provider.create(options, secret);
      SecureElement element = setup.element();
      Map<String, byte[]> meta = new LinkedHashMap<>();
      meta.put(SCHEMA_VERSION, new byte[] {1});
      meta.put(ELEMENT, element.name().getBytes(StandardCharsets.UTF_8));
      meta.put(configName(element.name()), setup.configuration());
      try {
        meta.putAll(AttestationAuthority.create(element, new SecureRandom()));
        store.initialize(ELEMENT, meta);
      } catch (KeychainException e) {
        element.close();
        throw e;
      }
      LOG.info("Created keychain in {} with the {} element", directory, element.name());
      return new Keychain(directory, store, element, application);
    } catch (KeychainException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * Opens the keychain in {@code directory} with the secure element it was created with.
   *
   * @param secret the passphrase of a software enclave keychain, or the PIN of a token
   * @throws KeychainNotFoundException if the directory contains no keychain
   * @throws WrongPassphraseException if the secret does not unlock it
   */
  public static Keychain open(Path directory, char[] secret) throws KeychainException {
    return open(directory, secret, null);
  }

  /**
   * Opens the keychain in {@code directory} for {@code application}, whose identity the
   * attestations of this instance carry (null for none).
   *
   * @throws KeychainNotFoundException if the directory contains no keychain
   * @throws WrongPassphraseException if the secret does not unlock it
   */
  public static Keychain open(
      Path directory, char[] secret, @Nullable ApplicationIdentity application)
      throws KeychainException {
    checkSecret(secret);
    ItemStore store = ItemStore.open(directory, false);
    boolean softwareEnclave = true;
    try {
      Optional<byte[]> name = store.meta(ELEMENT);
      if (name.isEmpty()) {
        throw new KeychainNotFoundException(
            "No initialized keychain in the database in " + directory + ": run 'keychain"
                + " init' to create one");
      }
      String elementName = new String(name.get(), StandardCharsets.UTF_8);
      softwareEnclave = elementName.equals(SoftwareEnclave.NAME);
      SecureElementProvider provider =
          provider(elementName)
              .orElseThrow(
                  () -> new KeychainStorageException(
                      "The keychain in " + directory + " uses the secure element '" + elementName
                          + "', which no module on the class or module path provides: add it"));
      Optional<byte[]> configuration = store.meta(configName(elementName));
      if (configuration.isEmpty()) {
        throw new KeychainStorageException(
            "The keychain in " + directory + " has no configuration for its secure element '"
                + elementName + "': the database was damaged; restore it from a backup");
      }
      if (softwareEnclave) {
        Optional<AgentElement> agent = AgentElement.connect(directory);
        if (agent.isPresent()) {
          byte[] passphraseBytes = passphraseBytes(secret);
          try {
            agent.get().verifyPassphrase(passphraseBytes);
          } catch (KeychainException | RuntimeException e) {
            agent.get().close();
            throw e;
          } finally {
            Arrays.fill(passphraseBytes, (byte) 0);
          }
          LOG.info("Opened keychain in {} through its agent", directory);
          return new Keychain(directory, store, agent.get(), application);
        }
      }
      SecureElement element;
      try {
        element = provider.open(configuration.get(), secret);
      } catch (WrongPassphraseException e) {
        if (softwareEnclave) {
          throw e;
        }
        LOG.warn("Wrong PIN for the keychain in {}", directory);
        throw new WrongPassphraseException(
            "Wrong PIN for the keychain in " + directory + ": the " + elementName + " element"
                + " refused it (" + e.getMessage() + "). Try again with the token's user PIN",
            e);
      }
      LOG.info("Opened keychain in {}", directory);
      return new Keychain(directory, store, element, application);
    } catch (KeychainException | RuntimeException e) {
      store.close();
      if (e instanceof WrongPassphraseException && softwareEnclave) {
        LOG.warn("Wrong passphrase or PIN for the keychain in {}", directory);
        throw new WrongPassphraseException(
            "Wrong passphrase for the keychain in " + directory + ": it does not unlock the"
                + " device key. Nothing was changed; try again with the passphrase given at init");
      }
      throw e;
    }
  }

  /** Returns the metadata name of the element configuration; the software enclave keeps its original name. */
  private static String configName(String elementName) {
    return elementName.equals(SoftwareEnclave.NAME) ? DEVICE_KEY : ELEMENT_CONFIG;
  }

  private static Optional<SecureElementProvider> provider(String name) {
    if (name.equals(SoftwareEnclave.NAME)) {
      return Optional.of(SOFTWARE_ENCLAVE);
    }
    for (SecureElementProvider provider : ServiceLoader.load(SecureElementProvider.class)) {
      if (provider.name().equals(name)) {
        return Optional.of(provider);
      }
    }
    return Optional.empty();
  }

  private static final SecureElementProvider SOFTWARE_ENCLAVE =
      new SecureElementProvider() {
        @Override
        public String name() {
          return SoftwareEnclave.NAME;
        }

        @Override
        public ElementSetup create(Map<String, String> options, char[] secret) {
          if (!options.isEmpty()) {
            throw new IllegalArgumentException(
                "The software enclave takes no options, got " + options.keySet()
                    + ": remove them");
          }
          byte[] passphrase = passphraseBytes(secret);
          try {
            SoftwareEnclave enclave = SoftwareEnclave.create(passphrase);
            return new ElementSetup(enclave, enclave.wrappedDeviceKey());
          } finally {
            Arrays.fill(passphrase, (byte) 0);
          }
        }

        @Override
        public SecureElement open(byte[] configuration, char[] secret) throws KeychainException {
          byte[] passphrase = passphraseBytes(secret);
          try {
            return SoftwareEnclave.open(configuration, passphrase);
          } finally {
            Arrays.fill(passphrase, (byte) 0);
          }
        }
      };

  private static void checkSecret(char[] secret) {
    if (secret.length == 0) {
      throw new IllegalArgumentException("Empty passphrase: choose a passphrase to protect the keychain");
    }
  }

  /**
   * Opens the keychain in {@code directory} without its passphrase, locked and never unlocked:
   * every item is refused until {@link #unlock}. The agent opens its keychain this way.
   *
   * @throws KeychainNotFoundException if the directory contains no keychain
   */
  public static Keychain openLocked(Path directory) throws KeychainException {
    ItemStore store = ItemStore.open(directory, false);
    try {
      Optional<byte[]> wrapped = store.meta(DEVICE_KEY);
      if (wrapped.isEmpty()) {
        throw new KeychainNotFoundException(
            "No initialized keychain in the database in " + directory + ": run 'keychain"
                + " init' to create one");
      }
      String elementName =
          new String(store.meta(ELEMENT).orElse(new byte[0]), StandardCharsets.UTF_8);
      if (!elementName.equals(SoftwareEnclave.NAME)) {
        throw new KeychainStorageException(
            "The keychain in " + directory + " uses the secure element '" + elementName
                + "', which cannot be opened locked");
      }
      LOG.info("Opened keychain in {}, locked", directory);
      return new Keychain(directory, store, SoftwareEnclave.openLocked(wrapped.get()), null);
    } catch (KeychainException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * Opens the keychain in {@code directory} through its running agent, without a passphrase: the
   * agent holds the lock state. Returns empty when no agent serves the directory.
   */
  public static Optional<Keychain> connectToAgent(Path directory) throws KeychainException {
    Optional<AgentElement> agent = AgentElement.connect(directory);
    if (agent.isEmpty()) {
      return Optional.empty();
    }
    try {
      ItemStore store = ItemStore.open(directory, false);
      try {
        if (store.meta(DEVICE_KEY).isEmpty()) {
          throw new KeychainNotFoundException(
              "No initialized keychain in the database in " + directory + ": run 'keychain"
                  + " init' to create one");
        }
        return Optional.of(new Keychain(directory, store, agent.get(), null));
      } catch (KeychainException | RuntimeException e) {
        store.close();
        throw e;
      }
    } catch (KeychainException | RuntimeException e) {
      agent.get().close();
      throw e;
    }
  }

  /** Returns whether an agent accepts connections on the socket of the keychain in {@code directory}. */
  static boolean agentRunning(Path directory) {
    Optional<AgentElement> agent = AgentElement.connect(directory);
    agent.ifPresent(AgentElement::close);
    return agent.isPresent();
  }

  /** Returns whether this keychain uses a running agent's secure element. */
  public boolean usesAgent() {
    return element instanceof AgentElement;
  }

  private static byte[] passphraseBytes(char[] passphrase) {
    if (passphrase.length == 0) {
      throw new IllegalArgumentException("Empty passphrase: choose a passphrase to protect the keychain");
    }
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    if (encoded.hasArray()) {
      Arrays.fill(encoded.array(), (byte) 0);
    }
    return bytes;
  }

  /** Returns the directory of this keychain. */
  public Path directory() {
    return directory;
  }

  // ---- Keys ----

  /**
   * Generates a key pair inside the secure element with the given authorizations.
   *
   * @throws DuplicateItemException if a key with the tag exists
   * @throws IllegalArgumentException if the tag is invalid
   */
  public KeyInfo generateKey(String tag, KeyParameters parameters) throws KeychainException {
    Validation.checkTag(tag);
    Objects.requireNonNull(parameters, "parameters");
    ensureOpen();
    if (store.findKey(tag).isPresent()) {
      throw duplicate(ItemClass.KEY, tag);
    }

    if (parameters.accessibility() == Accessibility.WHEN_PASSCODE_SET_THIS_DEVICE_ONLY
        && !authentication.isPasscodeSet()) {
      throw new InteractionNotAllowedException(
          tag, parameters.accessibility(),
          "Key '" + tag + "' is accessible when-passcode-set-this-device-only but the keychain has"
              + " no passcode: set one first ('keychain passcode set')");
    }

    KeyBinding binding = new KeyBinding(tag, newItemId());
    GeneratedKey generated = element.generateKey(binding, parameters.withoutLabel());
    KeyInfo info = storeKey(binding, parameters, generated);
    LOG.info("Generated {} key '{}'", parameters.algorithm().cliName(), tag);
    return info;
  }

  /** Records a key the element generated or adopted; destroys it again if the store fails. */
  private KeyInfo storeKey(KeyBinding binding, KeyParameters parameters, GeneratedKey generated)
      throws KeychainException {
    String tag = binding.tag();
    KeyParameters authorizations = parameters.withoutLabel();
    Integer remaining = null;
    byte[] counterMac = null;
    if (authorizations.usageLimit().isPresent()) {
      UsageCounter counter =
          element.authenticateCounter(binding, authorizations.usageLimit().getAsInt());
      remaining = counter.remaining();
      counterMac = counter.authenticator();
    }
    KeyRow row =
        new KeyRow(
            binding.id(),
            tag,
            parameters.label().orElse(null),
            Instant.ofEpochMilli(System.currentTimeMillis()),
            authorizations.algorithm().name(),
            AuthorizationCodec.encode(authorizations),
            generated.reference().bytes(),
            generated.publicKey().getEncoded(),
            remaining,
            counterMac,
            false);
    try {
      synchronized (store) {
        store.insertKey(row);
        keyCache.remove(tag);
      }
    } catch (KeychainException e) {
      element.destroyKey(binding, generated.reference());
      throw e;
    }
    return keyInfo(cachedKey(row));
  }

  /**
   * Lists the objects in the secure element that no key of this keychain refers to: keys made by
   * other programs, which {@link #adoptKey} can take in, and public keys or certificates without
   * their private key. Empty for an element that contains nothing but this keychain's keys.
   */
  public List<UnmanagedObject> unmanagedObjects() throws KeychainException {
    ensureOpen();
    if (!(element instanceof KeyAdoption)) {
      return List.of();
    }
    List<KeyReference> managed = new ArrayList<>();
    for (KeyRow row : store.allKeys()) {
      if (row.reference() != null && row.reference().length > 0) {
        managed.add(KeyReference.of(row.reference()));
      }
    }
    return ((KeyAdoption) element).unmanagedObjects(managed);
  }

  /**
   * Takes a private key that exists in the secure element without keychain metadata into the
   * keychain under {@code tag}, with the given authorizations. The element checks that the key has
   * the parameters' algorithm and purposes.
   *
   * @param objectId the element's identifier, as {@link #unmanagedObjects} lists it
   * @throws DuplicateItemException if a key with the tag exists
   * @throws KeychainException if the element cannot adopt keys, has no such key, or the key does
   *     not match the parameters
   */
  public KeyInfo adoptKey(String tag, String objectId, KeyParameters parameters) throws KeychainException {
    Validation.checkTag(tag);
    Objects.requireNonNull(objectId, "objectId");
    Objects.requireNonNull(parameters, "parameters");
    ensureOpen();
    if (!(element instanceof KeyAdoption)) {
      throw new KeychainException(
          "The " + element.name() + " element cannot adopt keys: it contains only keys that the"
              + " keychain generated. Generate a key instead");
    }
    if (store.findKey(tag).isPresent()) {
      throw duplicate(ItemClass.KEY, tag);
    }
    for (UnmanagedObject object : unmanagedObjects()) {
      if (object.id().equalsIgnoreCase(objectId) && object.kind() == UnmanagedObject.Kind.PRIVATE_KEY) {
        KeyBinding binding = new KeyBinding(tag, newItemId());
        GeneratedKey adopted =
            ((KeyAdoption) element).adoptKey(binding, parameters.withoutLabel(), objectId);
        KeyInfo info = storeKey(binding, parameters, adopted);
        LOG.info("Adopted {} key '{}'", parameters.algorithm().cliName(), tag);
        return info;
      }
    }
    throw new ItemNotFoundException(
        "No unmanaged private key with id " + objectId + " in the " + element.name() + " element:"
            + " list the unmanaged objects to find its id");
  }

  /**
   * Returns what the keychain records about a key, read from the database.
   *
   * @throws ItemNotFoundException if no key has the tag
   * @throws KeyCorruptedException if its stored authorizations, usage counter or public key do not
   *     parse or fail authentication
   */
  public KeyInfo keyInfo(String tag) throws KeychainException {
    ensureOpen();
    KeyRow row = store.findKey(tag).orElseThrow(() -> notFound(ItemClass.KEY, tag));
    CachedKey cached = keyCache.get(tag);
    if (cached != null && cached.row.id() == row.id()
        && Arrays.equals(cached.row.publicKey(), row.publicKey())) {
      // Reuse the decoded public key; everything else comes from the row just read.
      return keyInfo(authenticated(new CachedKey(row, decodeAuthorizations(row), cached.publicKey, cached.libraryEnforced)));
    }
    return keyInfo(authenticated(cachedKey(row)));
  }

  private KeyInfo keyInfo(CachedKey key) {
    KeyParameters parameters = key.parameters;
    Set<AuthorizationTag> elementTags = EnumSet.allOf(AuthorizationTag.class);
    elementTags.removeAll(key.libraryEnforced);
    Integer remaining = key.row.remainingUses();
    return new KeyInfo(
        key.row.tag(),
        parameters,
        key.row.created(),
        element.securityLevel(),
        remaining == null ? -1 : remaining,
        Authorizations.of(parameters, elementTags),
        Authorizations.of(parameters, key.libraryEnforced),
        key.row.hasChain(),
        key.publicKey);
  }

  /** Returns the public key of a key. */
  public PublicKey publicKey(String tag) throws KeychainException {
    return authenticated(resolveKey(tag)).publicKey;
  }

  /**
   * Signs {@code message} inside the secure element.
   *
   * @throws IncompatiblePurposeException if the key may not sign
   * @throws IncompatibleDigestException if the key does not allow the digest
   * @throws IncompatiblePaddingException if the key does not allow the scheme or RSA padding
   * @throws KeyNotYetValidException before the key's active-from instant
   * @throws KeyExpiredException after the key's origination end
   * @throws UsageLimitExhaustedException if no uses are left
   * @throws KeyCorruptedException if the stored key fails authentication
   */
  public byte[] sign(String tag, SignatureSpec spec, byte[] message) throws KeychainException {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(message, "message");
    spec.checkInputLength(message.length);
    return usePrivateKey(
        tag,
        Purpose.SIGN,
        spec.keyFamily(),
        spec.digest(),
        spec.padding(),
        key -> element.sign(key, spec, message));
  }

  /**
   * Verifies a signature with the key's public key, in the library. The key's purposes, digests,
   * paddings and validity window apply; verification does not count as a use.
   *
   * @return false if the signature is invalid or malformed
   */
  public boolean verify(String tag, SignatureSpec spec, byte[] message, byte[] signature)
      throws KeychainException {
    Objects.requireNonNull(spec, "spec");
    spec.checkInputLength(message.length);
    CachedKey key = authenticated(resolveKey(tag));
    Policy.check(
        tag, key.parameters, publicKeyChecks(), Purpose.VERIFY, spec.keyFamily(), spec.digest(), spec.padding());
    try {
      Signature verifier = Signature.getInstance(spec.jcaAlgorithm(), BouncyCastle.PROVIDER);
      verifier.initVerify(key.publicKey);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (SignatureException e) {
      // A signature that does not parse is as invalid as one that does not verify.
      return false;
    } catch (GeneralSecurityException e) {
      throw new KeychainException("Verification with " + spec + " is not available", e);
    }
  }

  /**
   * Encrypts with RSA-OAEP (MGF1 with the same digest, empty label) using the key's public key,
   * in the library. The key's purposes, digests, paddings and validity window apply.
   *
   * @throws IllegalArgumentException if the plaintext is too long for the key and digest
   */
  public byte[] encrypt(String tag, Digest oaepDigest, byte[] plaintext) throws KeychainException {
    Objects.requireNonNull(oaepDigest, "oaepDigest");
    CachedKey key = authenticated(resolveKey(tag));
    Policy.check(
        tag, key.parameters, publicKeyChecks(), Purpose.ENCRYPT, KeyAlgorithm.Family.RSA, oaepDigest, Padding.RSA_OAEP);
    try {
      Cipher cipher = Cipher.getInstance("RSA/NONE/OAEPPadding", BouncyCastle.PROVIDER);
      cipher.init(Cipher.ENCRYPT_MODE, key.publicKey, oaepParameters(oaepDigest), random);
      return cipher.doFinal(plaintext);
    } catch (IllegalBlockSizeException | BadPaddingException e) {
      throw new IllegalArgumentException(
          "Plaintext of " + plaintext.length + " bytes is too long for RSA-OAEP/"
              + oaepDigest.cliName() + " with key '" + tag + "': encrypt a symmetric key instead");
    } catch (GeneralSecurityException e) {
      throw new KeychainException("RSA-OAEP encryption is not available", e);
    }
  }

  static OAEPParameterSpec oaepParameters(Digest digest) {
    return new OAEPParameterSpec(
        digest.jcaName(), "MGF1", new MGF1ParameterSpec(digest.jcaName()), PSource.PSpecified.DEFAULT);
  }

  /**
   * Decrypts RSA-OAEP ciphertext (MGF1 with the same digest, empty label) inside the element.
   *
   * @throws KeychainException if the ciphertext does not decrypt; the message gives no reason
   */
  public byte[] decrypt(String tag, Digest oaepDigest, byte[] ciphertext) throws KeychainException {
    Objects.requireNonNull(oaepDigest, "oaepDigest");
    Objects.requireNonNull(ciphertext, "ciphertext");
    if (oaepDigest == Digest.NONE) {
      throw new IllegalArgumentException("Invalid OAEP digest none: use sha256, sha384 or sha512");
    }
    return usePrivateKey(
        tag,
        Purpose.DECRYPT,
        KeyAlgorithm.Family.RSA,
        oaepDigest,
        Padding.RSA_OAEP,
        key -> element.decrypt(key, oaepDigest, ciphertext));
  }

  /**
   * Computes the raw ECDH (x coordinate, field-size bytes) or X25519 shared secret with a peer's
   * public key inside the element.
   *
   * @throws IllegalArgumentException if the peer key is not a key of the same curve
   */
  public byte[] agree(String tag, PublicKey peer) throws KeychainException {
    Objects.requireNonNull(peer, "peer");
    return usePrivateKey(
        tag, Purpose.AGREE_KEY, null, null, Padding.NONE, key -> element.agree(key, peer));
  }

  /**
   * Creates a PKCS#10 certification request for the key, signed inside the element with ECDSA,
   * Ed25519 ({@code digest} is then ignored) or RSA (PKCS#1 v1.5 when the key allows it, else
   * PSS). The signature counts as a use of the key.
   *
   * @return the DER encoding
   */
  public byte[] createCsr(String tag, String subjectDn, Digest digest) throws KeychainException {
    Objects.requireNonNull(subjectDn, "subjectDn");
    Objects.requireNonNull(digest, "digest");
    CachedKey key = authenticated(resolveKey(tag));
    if (digest == Digest.NONE && key.parameters.algorithm().family() != KeyAlgorithm.Family.ED25519) {
      // Digest none signs a hash the caller computed, but a request is signed over its own encoding.
      throw new IllegalArgumentException(
          "Invalid digest none for the certification request of key '" + tag
              + "': a request must be hashed by the keychain, so use sha256, sha384 or sha512");
    }
    SignatureSpec spec;
    switch (key.parameters.algorithm().family()) {
      case EC:
        spec = SignatureSpec.ecdsa(digest);
        break;
      case ED25519:
        spec = SignatureSpec.ed25519();
        break;
      case RSA:
        spec = key.parameters.paddings().contains(Padding.RSA_PKCS1)
            ? SignatureSpec.rsaPkcs1(digest)
            : SignatureSpec.rsaPss(digest);
        break;
      default:
        throw new IncompatiblePurposeException(
            "Key '" + tag + "' is an " + key.parameters.algorithm().cliName()
                + " key, which cannot sign a certification request: use an EC, Ed25519 or RSA key");
    }
    return CertificationRequests.create(
        subjectDn, key.row.publicKey(), spec, toBeSigned -> sign(tag, spec, toBeSigned));
  }

  // ---- Attestation ----

  /**
   * Returns an Android key attestation chain for the key, leaf first: a leaf certificate with the
   * key's public key and a KeyDescription extension (OID 1.3.6.1.4.1.11129.2.1.17), the
   * certificate of the keychain's attestation key, and the attestation root. The KeyDescription
   * has attestation version 400, the element's security level (SOFTWARE for the software
   * enclave), the challenge, the key's authorizations, creation time and origin, and the
   * application identity this instance was opened with. It has no RootOfTrust, because no
   * element of this version reports a verified boot state.
   *
   * @throws IllegalArgumentException if the challenge is longer than 128 bytes
   * @throws ItemNotFoundException if no key has the tag
   * @throws KeychainException if the keychain has no attestation key or the element cannot attest
   */
  public List<X509Certificate> attest(String tag, byte[] challenge) throws KeychainException {
    Objects.requireNonNull(challenge, "challenge");
    KeyDescriptionEncoder.checkChallenge(challenge);
    ensureOpen();
    CachedKey key = authenticated(resolveKey(tag));
    AttestationAuthority authority = attestationAuthority();
    X509Certificate leaf = authority.issueLeaf(element, leafTemplate(key, challenge));
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(leaf);
    chain.addAll(authority.issuers());
    LOG.info("Attested key '{}'", tag);
    return chain;
  }

  /**
   * Returns an attestation chain for the key whose leaf is signed by the key {@code attestKeyTag},
   * which must have the {@link Purpose#ATTEST_KEY} purpose, in place of the keychain's attestation
   * key. The chain continues with the attest key's own attestation chain (made with an empty
   * challenge), as on Android 12 and later. Signing counts as a use of the attest key.
   *
   * @throws IncompatiblePurposeException if the attest key lacks the attest-key purpose
   * @throws IllegalArgumentException if the challenge is longer than 128 bytes
   */
  public List<X509Certificate> attest(String tag, byte[] challenge, String attestKeyTag)
      throws KeychainException {
    Objects.requireNonNull(challenge, "challenge");
    Objects.requireNonNull(attestKeyTag, "attestKeyTag");
    KeyDescriptionEncoder.checkChallenge(challenge);
    CachedKey key = authenticated(resolveKey(tag));
    CachedKey attestKey = resolveKey(attestKeyTag);
    if (!attestKey.parameters.purposes().contains(Purpose.ATTEST_KEY)) {
      throw new IncompatiblePurposeException(
          "Key '" + attestKeyTag + "' does not allow purpose attest-key; it allows "
              + Names.list(attestKey.parameters.purposes().toArray(new Purpose[0]))
              + ". Generate a key with only the attest-key purpose to sign attestations");
    }
    List<X509Certificate> attestKeyChain = attest(attestKeyTag, new byte[0]);

    SignatureSpec spec = attestationSignature(attestKeyTag, attestKey.parameters);
    X509Certificate leaf =
        AttestationCertificates.issue(
            leafTemplate(key, challenge),
            X500Name.getInstance(attestKeyChain.get(0).getSubjectX500Principal().getEncoded()),
            spec,
            toBeSigned ->
                usePrivateKey(
                    attestKeyTag,
                    Purpose.ATTEST_KEY,
                    spec.keyFamily(),
                    spec.digest(),
                    spec.padding(),
                    elementKey -> element.signAttestation(elementKey, spec, toBeSigned)));
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(leaf);
    chain.addAll(attestKeyChain);
    LOG.info("Attested key '{}' with attest key '{}'", tag, attestKeyTag);
    return chain;
  }

  /**
   * Returns the keychain's attestation root: the self-signed certificate that relying parties
   * configure as the trust anchor for this keychain's attestations.
   */
  public X509Certificate attestationRoot() throws KeychainException {
    ensureOpen();
    return attestationAuthority().root();
  }

  private AttestationAuthority attestationAuthority() throws KeychainException {
    if (attestation == null) {
      throw new KeychainException(
          "The keychain in " + directory + " has no attestation key, because it was created by"
              + " an earlier version of keychain4j: create a new keychain to attest keys");
    }
    return attestation;
  }

  private AttestationCertificates.Template leafTemplate(CachedKey key, byte[] challenge) {
    Set<AuthorizationTag> elementEnforced = EnumSet.allOf(AuthorizationTag.class);
    elementEnforced.removeAll(key.libraryEnforced);
    AuthorizationListEncoder softwareEnforced = new AuthorizationListEncoder();
    AuthorizationListEncoder hardwareEnforced = new AuthorizationListEncoder();
    KeyParameters authorizations = key.parameters.withoutLabel();
    KeyDescriptionEncoder.addKeyAuthorizations(
        authorizations,
        elementEnforced,
        element.securityLevel(),
        key.row.created(),
        application,
        softwareEnforced,
        hardwareEnforced);
    byte[] keyDescription =
        KeyDescriptionEncoder.encode(
            element.securityLevel(), challenge, softwareEnforced, hardwareEnforced);
    return AttestationCertificates.leaf(
        AttestationAuthority.leafSubject(authorizations.purposes(), key.publicKey),
        AttestationAuthority.spki(key.publicKey),
        authorizations.purposes(),
        key.row.created().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
        keyDescription);
  }

  /** Returns the signature an attest key makes: SHA-256 when allowed, and PKCS#1 for RSA if allowed. */
  private static SignatureSpec attestationSignature(String tag, KeyParameters parameters)
      throws IncompatibleDigestException {
    // Digest none signs a hash the caller computed, but the keychain must hash the certificate.
    Digest digest =
        parameters.digests().contains(Digest.SHA256)
            ? Digest.SHA256
            : parameters.digests().stream()
                .filter(candidate -> candidate != Digest.NONE)
                .findFirst()
                .orElseThrow(
                    () -> new IncompatibleDigestException(
                        "Key '" + tag + "' allows only digest none, so it cannot sign an attestation"
                            + " certificate: generate the attest key with sha256, sha384 or sha512"));
    if (parameters.algorithm().family() == KeyAlgorithm.Family.RSA) {
      return parameters.paddings().contains(Padding.RSA_PKCS1)
          ? SignatureSpec.rsaPkcs1(digest)
          : SignatureSpec.rsaPss(digest);
    }
    return SignatureSpec.ecdsa(digest);
  }

  // ---- Private-key operations ----

  @FunctionalInterface
  private interface ElementOperation {
    byte[] apply(ElementKey key) throws KeychainException;
  }

  private byte[] usePrivateKey(
      String tag,
      Purpose purpose,
      KeyAlgorithm.@Nullable Family family,
      @Nullable Digest digest,
      Padding padding,
      ElementOperation operation)
      throws KeychainException {
    CachedKey key = resolveKey(tag);
    List<AuthToken> tokens =
        authentication.tokensFor(key.elementKey.binding(), key.parameters, purpose.cliName());
    ElementOperation authorized =
        tokens.isEmpty() ? operation : elementKey -> operation.apply(elementKey.withAuthTokens(tokens));
    if (key.row.remainingUses() == null) {
      checkLibraryEnforced(key, purpose, family, digest, padding);
      return authorized.apply(key.elementKey);
    }
    return store.transaction(() -> useLimitedKey(tag, purpose, family, digest, padding, authorized));
  }

  /**
   * Runs an operation on a key with a usage limit inside the caller's write transaction: reads the
   * current count, runs the operation, then decrements the count or deletes the key at zero. A
   * failed operation changes nothing.
   */
  private byte[] useLimitedKey(
      String tag,
      Purpose purpose,
      KeyAlgorithm.@Nullable Family family,
      @Nullable Digest digest,
      Padding padding,
      ElementOperation operation)
      throws KeychainException {
    KeyRow row = store.findKey(tag).orElseThrow(() -> notFound(ItemClass.KEY, tag));
    CachedKey key = cachedKey(row);
    checkLibraryEnforced(key, purpose, family, digest, padding);
    int remaining = Objects.requireNonNull(row.remainingUses());
    if (key.libraryEnforced.contains(AuthorizationTag.USAGE_LIMIT) && remaining == 0) {
      throw new UsageLimitExhaustedException(
          "Key '" + tag + "' has used all of its allowed uses: generate a new key");
    }

    byte[] result = operation.apply(key.elementKey);

    KeyBinding binding = key.elementKey.binding();
    if (remaining - 1 == 0) {
      store.deleteById(row.id());
      keyCache.remove(tag);
      element.destroyKey(binding, key.elementKey.reference());
      LOG.info("Deleted key '{}' after its last allowed use", tag);
    } else {
      UsageCounter counter = element.authenticateCounter(binding, remaining - 1);
      if (!store.updateCounter(row.id(), remaining, remaining - 1, counter.authenticator())) {
        throw new KeychainStorageException(
            "The usage count of key '" + tag + "' changed during the operation: retry");
      }
    }
    return result;
  }

  private void checkLibraryEnforced(
      CachedKey key,
      Purpose purpose,
      KeyAlgorithm.@Nullable Family family,
      @Nullable Digest digest,
      Padding padding)
      throws KeychainException {
    if (key.libraryEnforced.isEmpty()) {
      return;
    }
    KeyAlgorithm.Family effectiveFamily = family == null ? key.parameters.algorithm().family() : family;
    Policy.check(
        key.row.tag(), key.parameters, key.libraryEnforced, purpose, effectiveFamily, digest, padding);
  }

  /** Returns the checks for public-key operations, which the library runs: all but usage limits. */
  private static Set<AuthorizationTag> publicKeyChecks() {
    EnumSet<AuthorizationTag> tags = EnumSet.allOf(AuthorizationTag.class);
    tags.remove(AuthorizationTag.USAGE_LIMIT);
    return tags;
  }

  /**
   * Returns the key with the tag, from the cache when no other connection has committed a change
   * since the last look, else from the database. Keys with a usage limit are never cached.
   */
  private CachedKey resolveKey(String tag) throws KeychainException {
    ensureOpen();
    synchronized (store) {
      long now = System.nanoTime();
      if (now - lastChangeCheck >= CHANGE_CHECK_INTERVAL_NANOS) {
        long version = store.dataVersion();
        if (version != seenDataVersion) {
          keyCache.clear();
          seenDataVersion = version;
        }
        lastChangeCheck = now;
      }
      CachedKey cached = keyCache.get(tag);
      if (cached != null) {
        return cached;
      }
      KeyRow row = store.findKey(tag).orElseThrow(() -> notFound(ItemClass.KEY, tag));
      CachedKey key = cachedKey(row);
      if (row.remainingUses() == null) {
        keyCache.put(tag, key);
      }
      return key;
    }
  }

  /**
   * Returns the key after the element authenticated its stored authorizations, counter and public
   * key, for operations that use them without a private-key operation. A cached key costs a few
   * byte comparisons.
   */
  private CachedKey authenticated(CachedKey key) throws KeychainException {
    element.checkKey(key.elementKey);
    return key;
  }

  private CachedKey cachedKey(KeyRow row) throws KeychainException {
    KeyParameters parameters = decodeAuthorizations(row);
    PublicKey publicKey;
    try {
      publicKey = PublicKeys.decode(parameters.algorithm(), row.publicKey());
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new KeyCorruptedException(
          "The stored public key of key '" + row.tag() + "' does not parse: delete the key");
    }
    Set<AuthorizationTag> library = EnumSet.allOf(AuthorizationTag.class);
    library.removeAll(element.enforcedAuthorizations(parameters));
    try {
      return new CachedKey(row, parameters, publicKey, library);
    } catch (IllegalArgumentException e) {
      // An empty reference or a negative count can only come from editing the database.
      throw new KeyCorruptedException(
          "The stored key reference or usage counter of key '" + row.tag() + "' is invalid:"
              + " delete the key");
    }
  }

  private static KeyParameters decodeAuthorizations(KeyRow row) throws KeyCorruptedException {
    // The schema's CHECK constraints keep these columns non-null, unless they were disabled.
    if (row.authorizations() == null || row.reference() == null || row.publicKey() == null) {
      throw new KeyCorruptedException(
          "Key '" + row.tag() + "' is missing its stored authorizations, sealed key or public key:"
              + " delete the key");
    }
    try {
      KeyParameters parameters = AuthorizationCodec.decode(row.authorizations());
      if (!parameters.algorithm().name().equals(row.algorithm())) {
        throw new MalformedDataException("algorithm column differs from the authorizations");
      }
      String label = row.label();
      return label == null ? parameters : parameters.toBuilder().label(label).build();
    } catch (MalformedDataException | IllegalArgumentException e) {
      throw new KeyCorruptedException(
          "The stored authorizations of key '" + row.tag() + "' are invalid (" + e.getMessage()
              + "): they were edited outside keychain4j. Delete the key");
    }
  }

  /** A key row with its decoded authorizations and public key. */
  private static final class CachedKey {
    final KeyRow row;
    final KeyParameters parameters;
    final PublicKey publicKey;
    final Set<AuthorizationTag> libraryEnforced;
    final ElementKey elementKey;

    CachedKey(KeyRow row, KeyParameters parameters, PublicKey publicKey, Set<AuthorizationTag> libraryEnforced) {
      this.row = row;
      this.parameters = parameters;
      this.publicKey = publicKey;
      this.libraryEnforced = libraryEnforced;
      Integer remaining = row.remainingUses();
      byte[] mac = row.counterMac();
      UsageCounter counter =
          remaining == null || mac == null ? null : UsageCounter.of(remaining, mac);
      this.elementKey =
          new ElementKey(
              new KeyBinding(row.tag(), row.id()),
              parameters,
              KeyReference.of(row.reference()),
              counter,
              row.publicKey());
    }
  }

  // ---- Certificates ----

  /**
   * Stores a certificate chain for a key, leaf first, replacing any earlier chain. The chain is
   * stored byte for byte. Each certificate's issuer must be the subject of the next one; the
   * signatures are not checked, because trust decisions belong to the relying party.
   *
   * @throws CertificateMismatchException if the leaf's public key is not the key's public key
   * @throws IllegalArgumentException if the chain is empty or out of order
   */
  public void importCertificateChain(String tag, List<X509Certificate> chain)
      throws KeychainException {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException(
          "Empty certificate chain for key '" + tag + "': give at least the leaf certificate");
    }
    ensureOpen();
    List<byte[]> encoded = new ArrayList<>();
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate certificate = Objects.requireNonNull(chain.get(i), "certificate");
      if (i + 1 < chain.size()
          && !certificate.getIssuerX500Principal().equals(chain.get(i + 1).getSubjectX500Principal())) {
        throw new IllegalArgumentException(
            "Certificate " + (i + 1) + " of the chain for key '" + tag + "' was issued by "
                + certificate.getIssuerX500Principal() + ", not by the next certificate's subject "
                + chain.get(i + 1).getSubjectX500Principal() + ": order the chain leaf first");
      }
      try {
        encoded.add(certificate.getEncoded());
      } catch (CertificateException e) {
        throw new IllegalArgumentException(
            "Certificate " + (i + 1) + " of the chain for key '" + tag + "' has no DER encoding");
      }
    }

    synchronized (store) {
      store.transaction(() -> {
        KeyRow row = store.findKey(tag).orElseThrow(() -> notFound(ItemClass.KEY, tag));
        KeyAlgorithm algorithm = authenticated(cachedKey(row)).parameters.algorithm();
        X509Certificate leaf = chain.get(0);
        if (!PublicKeys.sameKey(algorithm, row.publicKey(), leaf.getPublicKey().getEncoded())) {
          throw new CertificateMismatchException(
              "The certificate for '" + leaf.getSubjectX500Principal() + "' does not match key '"
                  + tag + "': its public key belongs to another key. Import the certificate"
                  + " issued for this key's CSR");
        }
        store.replaceChain(row.id(), encoded);
        return null;
      });
      keyCache.remove(tag);
    }
    LOG.info("Imported a certificate chain of {} for key '{}'", chain.size(), tag);
  }

  /** Returns the certificate chain of a key, leaf first, or an empty list when it has none. */
  public List<X509Certificate> certificateChain(String tag) throws KeychainException {
    ensureOpen();
    KeyRow row = store.findKey(tag).orElseThrow(() -> notFound(ItemClass.KEY, tag));
    List<X509Certificate> chain = new ArrayList<>();
    for (byte[] der : store.chain(row.id())) {
      chain.add(parseCertificate(der, tag));
    }
    return chain;
  }

  /**
   * Stores a certificate as an item of its own.
   *
   * @throws DuplicateItemException if a certificate with the tag exists
   */
  public void putCertificate(String tag, X509Certificate certificate, @Nullable String label)
      throws KeychainException {
    Validation.checkTag(tag);
    if (label != null) {
      Validation.checkLabel(label);
    }
    ensureOpen();
    byte[] der;
    try {
      der = certificate.getEncoded();
    } catch (CertificateException e) {
      throw new IllegalArgumentException("Certificate '" + tag + "' has no DER encoding");
    }
    String algorithm =
        PublicKeys.algorithmOf(certificate.getPublicKey().getEncoded()).map(Enum::name).orElse(null);
    store.insertData(
        ItemClass.CERTIFICATE,
        new SealedItemRow(newItemId(), tag, label, Instant.ofEpochMilli(System.currentTimeMillis()), der),
        algorithm);
    LOG.info("Stored certificate '{}'", tag);
  }

  /** Returns a certificate stored with {@link #putCertificate}. */
  public X509Certificate certificate(String tag) throws KeychainException {
    ensureOpen();
    SealedItemRow row =
        store.findData(ItemClass.CERTIFICATE, tag).orElseThrow(() -> notFound(ItemClass.CERTIFICATE, tag));
    return parseCertificate(row.data(), tag);
  }

  private static X509Certificate parseCertificate(byte[] der, String tag) throws KeychainException {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      throw new KeychainStorageException(
          "A stored certificate of item '" + tag + "' does not parse: import it again");
    }
  }

  // ---- Secrets ----

  /**
   * Stores a generic secret, sealed by the secure element.
   *
   * @throws DuplicateItemException if a secret with the tag exists
   * @throws IllegalArgumentException if the secret is longer than {@link #MAX_SECRET_LENGTH}
   */
  public void putSecret(String tag, byte[] secret, @Nullable String label) throws KeychainException {
    putSecret(tag, secret, label, Accessibility.WHEN_UNLOCKED);
  }

  /**
   * Stores a generic secret with an accessibility, sealed by the secure element.
   *
   * @throws DuplicateItemException if a secret with the tag exists
   * @throws IllegalArgumentException if the secret is longer than {@link #MAX_SECRET_LENGTH}
   */
  public void putSecret(String tag, byte[] secret, @Nullable String label, Accessibility accessibility)
      throws KeychainException {
    Objects.requireNonNull(accessibility, "accessibility");
    Validation.checkTag(tag);
    if (label != null) {
      Validation.checkLabel(label);
    }
    if (secret.length > MAX_SECRET_LENGTH) {
      throw new IllegalArgumentException(
          "Secret '" + tag + "' has " + secret.length + " bytes: store at most " + MAX_SECRET_LENGTH);
    }
    ensureOpen();
    if (accessibility == Accessibility.WHEN_PASSCODE_SET_THIS_DEVICE_ONLY && !authentication.isPasscodeSet()) {
      throw new InteractionNotAllowedException(
          tag, accessibility,
          "Secret '" + tag + "' is accessible when-passcode-set-this-device-only but the keychain"
              + " has no passcode: set one first");
    }
    KeyBinding binding = new KeyBinding(tag, newItemId());
    byte[] sealed = StoredSecrets.encode(accessibility, element.sealSecret(binding, secret, accessibility));
    store.insertData(
        ItemClass.SECRET,
        new SealedItemRow(binding.id(), tag, label, Instant.ofEpochMilli(System.currentTimeMillis()), sealed),
        null);
    LOG.info("Stored secret '{}'", tag);
  }

  /**
   * Returns a secret stored with {@link #putSecret}.
   *
   * @throws KeyCorruptedException if the sealed secret fails authentication
   */
  public byte[] secret(String tag) throws KeychainException {
    ensureOpen();
    SealedItemRow row =
        store.findData(ItemClass.SECRET, tag).orElseThrow(() -> notFound(ItemClass.SECRET, tag));
    return unsealSecret(row);
  }

  /** Returns the accessibility of a secret. */
  public Accessibility secretAccessibility(String tag) throws KeychainException {
    ensureOpen();
    SealedItemRow row =
        store.findData(ItemClass.SECRET, tag).orElseThrow(() -> notFound(ItemClass.SECRET, tag));
    return StoredSecrets.decode(tag, row.data(), element.name().equals(SoftwareEnclave.NAME)).accessibility();
  }

  private byte[] unsealSecret(SealedItemRow row) throws KeychainException {
    StoredSecrets.Parsed stored = StoredSecrets.decode(row.tag(), row.data(), element.name().equals(SoftwareEnclave.NAME));
    return element.unsealSecret(new KeyBinding(row.tag(), row.id()), stored.sealed(), stored.accessibility());
  }

  // ---- Items ----

  /** Lists the items that match {@code query}, ordered by class and tag. */
  public List<ItemInfo> query(ItemQuery query) throws KeychainException {
    ensureOpen();
    return store.query(query);
  }

  /**
   * Deletes an item. Deleting a KEY or IDENTITY deletes the key and its certificate chain.
   *
   * @throws ItemNotFoundException if no item of the class has the tag
   */
  public void delete(ItemClass itemClass, String tag) throws KeychainException {
    Objects.requireNonNull(itemClass, "itemClass");
    ensureOpen();
    Optional<KeyRow> key = Optional.empty();
    boolean deleted;
    synchronized (store) {
      if (itemClass == ItemClass.KEY || itemClass == ItemClass.IDENTITY) {
        key = store.findKey(tag);
      }
      deleted = store.delete(itemClass, tag);
      keyCache.remove(tag);
    }
    if (!deleted) {
      throw notFound(itemClass, tag);
    }
    if (key.isPresent()) {
      element.destroyKey(new KeyBinding(tag, key.get().id()), KeyReference.of(key.get().reference()));
    }
    LOG.info("Deleted {} '{}'", itemClass, tag);
  }

  // ---- Lock state and user authentication ----

  /**
   * Locks the keychain: items whose accessibility needs an unlocked keychain are refused with
   * {@link InteractionNotAllowedException} until {@link #unlock}. Kept time-window
   * authentications are forgotten.
   */
  public void lock() throws KeychainException {
    ensureOpen();
    element.lock();
    authentication.forgetTokens();
    LOG.info("Locked the keychain in {}", directory);
  }

  /**
   * Unlocks the keychain with its passphrase.
   *
   * @throws WrongPassphraseException if the passphrase does not unlock the device key
   */
  public void unlock(char[] passphrase) throws KeychainException {
    ensureOpen();
    byte[] passphraseBytes = passphraseBytes(passphrase);
    try {
      element.unlock(passphraseBytes);
    } catch (WrongPassphraseException e) {
      LOG.warn("Rejected unlock of the keychain in {}: wrong passphrase", directory);
      throw new WrongPassphraseException(
          "Wrong passphrase for the keychain in " + directory + ": it stays locked. Try again"
              + " with the passphrase given at init");
    } finally {
      Arrays.fill(passphraseBytes, (byte) 0);
    }
    LOG.info("Unlocked the keychain in {}", directory);
  }

  /** Returns whether the keychain is locked. */
  public boolean isLocked() {
    return element.isLocked();
  }

  /** Registers a presence or biometric authenticator with the secure element. */
  public void registerAuthenticator(Authenticator authenticator) throws KeychainException {
    Objects.requireNonNull(authenticator, "authenticator");
    ensureOpen();
    element.registerAuthenticator(authenticator);
  }

  /** Sets how the passcode is read when a key needs {@link AuthenticatorType#DEVICE_PASSCODE}. */
  public void setPasscodePrompt(@Nullable PasscodePrompt prompt) {
    authentication.setPasscodePrompt(prompt);
  }

  /**
   * Sets or replaces the keychain's passcode, stored as an scrypt hash that the element checks.
   * Needs an unlocked keychain.
   */
  public void setPasscode(char[] passcode) throws KeychainException {
    ensureOpen();
    authentication.setPasscode(passcode);
  }

  /** Returns whether a passcode is set. */
  public boolean isPasscodeSet() throws KeychainException {
    ensureOpen();
    return authentication.isPasscodeSet();
  }

  /**
   * Removes the passcode and deletes every key and secret accessible {@link
   * Accessibility#WHEN_PASSCODE_SET_THIS_DEVICE_ONLY}. Needs an unlocked keychain.
   *
   * @return the number of keys and secrets deleted
   */
  public int removePasscode() throws KeychainException {
    ensureOpen();
    if (element.isLocked()) {
      throw new InteractionNotAllowedException(
          "passcode", Accessibility.WHEN_UNLOCKED,
          "The passcode can be removed only while the keychain is unlocked: unlock it and retry");
    }
    List<String> deleted = new ArrayList<>();
    for (KeyRow row : store.allKeys()) {
      if (decodeAuthorizations(row).accessibility() == Accessibility.WHEN_PASSCODE_SET_THIS_DEVICE_ONLY) {
        delete(ItemClass.KEY, row.tag());
        deleted.add(row.tag());
      }
    }
    for (SealedItemRow row : store.allData(ItemClass.SECRET)) {
      if (StoredSecrets.decode(row.tag(), row.data(), element.name().equals(SoftwareEnclave.NAME)).accessibility()
          == Accessibility.WHEN_PASSCODE_SET_THIS_DEVICE_ONLY) {
        delete(ItemClass.SECRET, row.tag());
        deleted.add(row.tag());
      }
    }
    authentication.removePasscodeRecord();
    LOG.info("Removed the passcode of the keychain in {} and deleted {} keys that needed it",
        directory, deleted.size());
    return deleted.size();
  }

  /**
   * Authenticates the user with {@code type} now and keeps the token, so keys with an
   * authentication timeout that need this type can be used until their window ends.
   */
  public void authenticate(AuthenticatorType type) throws KeychainException {
    Objects.requireNonNull(type, "type");
    ensureOpen();
    authentication.authenticateForWindow(type, "authenticate with " + type.cliName());
  }

  // ---- Backup ----

  /**
   * Writes an encrypted backup of the migratable items to {@code file} (mode 0600): generic
   * secrets and standalone certificates whose accessibility is not {@code THIS_DEVICE_ONLY}. Keys
   * are never included, because private keys never leave their secure element: regenerate them
   * in the new keychain.
   *
   * @param backupPassphrase the passphrase the backup is encrypted under
   */
  public BackupSummary backup(Path file, char[] backupPassphrase) throws KeychainException {
    ensureOpen();
    List<BackupFile.Entry> entries = new ArrayList<>();
    int secrets = 0;
    int skipped = 0;
    for (SealedItemRow row : store.allData(ItemClass.SECRET)) {
      StoredSecrets.Parsed stored = StoredSecrets.decode(row.tag(), row.data(), element.name().equals(SoftwareEnclave.NAME));
      if (stored.accessibility().thisDeviceOnly()) {
        skipped++;
        continue;
      }
      byte[] secret = unsealSecret(row);
      entries.add(new BackupFile.Entry(BackupFile.Kind.SECRET, row.tag(), row.label(), stored.accessibility(), secret));
      secrets++;
    }
    int certificates = 0;
    for (SealedItemRow row : store.allData(ItemClass.CERTIFICATE)) {
      entries.add(new BackupFile.Entry(
          BackupFile.Kind.CERTIFICATE, row.tag(), row.label(), Accessibility.WHEN_UNLOCKED, row.data()));
      certificates++;
    }
    int keys = store.allKeys().size();

    byte[] passphraseBytes = passphraseBytes(backupPassphrase);
    byte[] sealed;
    try {
      sealed = BackupFile.seal(entries, passphraseBytes, random);
    } finally {
      Arrays.fill(passphraseBytes, (byte) 0);
      for (BackupFile.Entry entry : entries) {
        if (entry.kind() == BackupFile.Kind.SECRET) {
          Arrays.fill(entry.data(), (byte) 0);
        }
      }
    }
    BackupFiles.write(file, sealed);
    LOG.info("Wrote a backup of {} secrets and {} certificates to {}; left out {} this-device-only"
        + " items and {} keys", secrets, certificates, file, skipped, keys);
    return new BackupSummary(secrets, certificates, skipped, keys);
  }

  /**
   * Restores the items of a backup made by {@link #backup}, sealing secrets under this keychain's
   * secure element. Nothing is restored when an item's tag is already taken.
   *
   * @throws WrongPassphraseException if the backup passphrase is wrong or the file was altered
   * @throws DuplicateItemException if an item of the backup already exists here
   */
  public BackupSummary restore(Path file, char[] backupPassphrase) throws KeychainException {
    ensureOpen();
    byte[] sealed = BackupFiles.read(file);
    byte[] passphraseBytes = passphraseBytes(backupPassphrase);
    List<BackupFile.Entry> entries;
    try {
      entries = BackupFile.open(sealed, passphraseBytes);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new WrongPassphraseException(
          "The backup " + file + " does not decrypt: the backup passphrase is wrong or the file"
              + " was altered. Give the passphrase the backup was made with");
    } catch (MalformedDataException e) {
      throw new KeychainStorageException(
          "The file " + file + " is not a valid keychain4j backup (" + e.getMessage() + ")");
    } finally {
      Arrays.fill(passphraseBytes, (byte) 0);
    }

    for (BackupFile.Entry entry : entries) {
      ItemClass itemClass = entry.kind() == BackupFile.Kind.SECRET ? ItemClass.SECRET : ItemClass.CERTIFICATE;
      if (store.findData(itemClass, entry.tag()).isPresent()) {
        throw duplicate(itemClass, entry.tag());
      }
    }
    int secrets = 0;
    int certificates = 0;
    try {
      for (BackupFile.Entry entry : entries) {
        if (entry.kind() == BackupFile.Kind.SECRET) {
          putSecret(entry.tag(), entry.data(), entry.label(), entry.accessibility());
          secrets++;
        } else {
          putCertificate(entry.tag(), parseCertificate(entry.data(), entry.tag()), entry.label());
          certificates++;
        }
      }
    } finally {
      for (BackupFile.Entry entry : entries) {
        Arrays.fill(entry.data(), (byte) 0);
      }
    }
    LOG.info("Restored {} secrets and {} certificates from {}", secrets, certificates, file);
    return new BackupSummary(secrets, certificates, 0, 0);
  }

  /** Returns the directory, secure element and item counts. */
  public KeychainStatus status() throws KeychainException {
    ensureOpen();
    return new KeychainStatus(directory, element.securityLevel(), element.name(), store.counts());
  }

  /**
   * Authenticates every stored key, usage counter, certificate and secret, and the attestation
   * key, without using any key.
   *
   * @return the number of items checked
   * @throws KeyCorruptedException naming the first item that fails
   */
  public int verifyIntegrity() throws KeychainException {
    ensureOpen();
    int checked = 0;
    for (KeyRow row : store.allKeys()) {
      CachedKey key = cachedKey(row);
      element.checkKey(key.elementKey);
      for (byte[] der : store.chain(row.id())) {
        parseCertificate(der, row.tag());
      }
      checked++;
    }
    for (SealedItemRow row : store.allData(ItemClass.SECRET)) {
      byte[] secret = unsealSecret(row);
      Arrays.fill(secret, (byte) 0);
      checked++;
    }
    for (SealedItemRow row : store.allData(ItemClass.CERTIFICATE)) {
      parseCertificate(row.data(), row.tag());
      checked++;
    }
    // The attestation key is not an item, so it is checked but not counted.
    if (attestation != null) {
      attestation.check(element);
    }
    return checked;
  }

  /** Closes the database and wipes the key material the element holds. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    keyCache.clear();
    element.close();
    store.close();
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("The keychain in " + directory + " is closed: open it again");
    }
  }

  /** Returns a random positive 63-bit id, so ids are never reused and reveal no count. */
  private long newItemId() {
    long id;
    do {
      id = random.nextLong() & Long.MAX_VALUE;
    } while (id == 0);
    return id;
  }

  private ItemNotFoundException notFound(ItemClass itemClass, String tag) {
    String className = itemClass.name().toLowerCase(java.util.Locale.ROOT);
    return new ItemNotFoundException(
        "No " + className + " with tag '" + tag + "' in the keychain at " + directory
            + ": check the tag, or list the items");
  }

  private static DuplicateItemException duplicate(ItemClass itemClass, String tag) {
    return new DuplicateItemException(
        "An item of class " + itemClass + " with tag '" + tag + "' already exists: choose another"
            + " tag or delete the existing item first");
  }

  @Override
  public String toString() {
    return "Keychain{directory=" + directory + ", element=" + element.name() + "}";
  }
}
