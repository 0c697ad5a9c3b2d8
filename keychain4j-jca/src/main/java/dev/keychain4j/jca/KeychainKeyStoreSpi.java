package dev.keychain4j.jca;

import dev.keychain4j.ItemClass;
import dev.keychain4j.ItemInfo;
import dev.keychain4j.ItemNotFoundException;
import dev.keychain4j.ItemQuery;
import dev.keychain4j.KeyInfo;
import dev.keychain4j.Keychain;
import dev.keychain4j.KeychainException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.KeyStoreSpi;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.UnrecoverableEntryException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The {@code Keychain4j} key store: a view of one keychain. Aliases are tags. Keys appear as key
 * entries (with their certificate chain when they have one) and stand-alone certificates as trusted
 * certificate entries; secrets are not shown. Changes are written to the keychain at once, so
 * {@code store} does nothing.
 *
 * <p>Load with a {@link KeychainLoadStoreParameter}, or with a properties stream whose key {@code
 * keychain} is the keychain directory and the passphrase as password (the form {@code keytool
 * -keystore file.properties} uses). Key passwords are ignored: the passphrase unlocks every key.
 *
 * <p>NOTE: a key and a certificate may share a tag in a keychain, but not an alias here. The key
 * entry then hides the certificate.
 *
 * <p>NOTE: {@code KeyStore} has no close method, so a keychain that {@code load} opened from a
 * directory stays open until the JVM exits. Applications that must close it open the keychain
 * themselves and load with {@link KeychainLoadStoreParameter#of(Keychain)}.
 */
final class KeychainKeyStoreSpi extends KeyStoreSpi {
  /** The properties key that names the keychain directory in the stream form of {@code load}. */
  static final String DIRECTORY_PROPERTY = "keychain";

  private @Nullable Keychain keychain;


  @Override
  public void engineLoad(@Nullable InputStream stream, char @Nullable [] password)
      throws IOException, NoSuchAlgorithmException, CertificateException {
    if (stream == null) {
      throw new IOException(
          "Missing keychain location: load the Keychain4j key store with a properties stream"
              + " whose key '" + DIRECTORY_PROPERTY + "' names the keychain directory, or with a"
              + " KeychainLoadStoreParameter");
    }
    Properties properties = new Properties();
    properties.load(new InputStreamReader(stream, StandardCharsets.UTF_8));
    String directory = properties.getProperty(DIRECTORY_PROPERTY);
    if (directory == null || directory.isBlank()) {
      throw new IOException(
          "Missing key '" + DIRECTORY_PROPERTY + "' in the key store properties: add a line"
              + " keychain=/path/to/keychain");
    }
    if (password == null || password.length == 0) {
      throw new IOException(
          "Missing passphrase for the keychain in " + directory + ": give it as the store password");
    }
    open(Path.of(directory.trim()), password);
  }

  @Override
  public void engineLoad(KeyStore.@Nullable LoadStoreParameter parameter)
      throws IOException, NoSuchAlgorithmException, CertificateException {
    if (!(parameter instanceof KeychainLoadStoreParameter)) {
      String kind = parameter == null ? "null" : parameter.getClass().getName();
      throw new IllegalArgumentException(
          "The Keychain4j key store loads from a KeychainLoadStoreParameter, not " + kind);
    }
    KeychainLoadStoreParameter location = (KeychainLoadStoreParameter) parameter;
    Optional<Keychain> open = location.keychain();
    if (open.isPresent()) {
      keychain = open.get();
      return;
    }
    KeyStore.PasswordProtection protection =
        (KeyStore.PasswordProtection) location.getProtectionParameter();
    if (protection == null || protection.isDestroyed()) {
      throw new IllegalArgumentException(
          "The passphrase of the KeychainLoadStoreParameter was destroyed: create a new parameter");
    }
    open(location.directory().orElseThrow(), protection.getPassword());
  }

  private void open(Path directory, char[] passphrase) throws IOException {
    try {
      keychain = Keychain.open(directory, passphrase);
    } catch (KeychainException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** Does nothing: every change was written to the keychain when it was made. */
  @Override
  public void engineStore(@Nullable OutputStream stream, char @Nullable [] password) {}

  /** Does nothing: every change was written to the keychain when it was made. */
  @Override
  public void engineStore(KeyStore.@Nullable LoadStoreParameter parameter) {}


  @Override
  public @Nullable Key engineGetKey(String alias, char @Nullable [] password)
      throws NoSuchAlgorithmException, UnrecoverableKeyException {
    Optional<KeyInfo> info = keyInfo(alias);
    if (info.isEmpty()) {
      return null;
    }
    try {
      return KeyHandles.handle(keychain(), info.get());
    } catch (GeneralSecurityException e) {
      UnrecoverableKeyException failure =
          new UnrecoverableKeyException("Key '" + alias + "' cannot be used: " + e.getMessage());
      failure.initCause(e);
      throw failure;
    }
  }

  @Override
  public Certificate @Nullable [] engineGetCertificateChain(String alias) {
    Optional<KeyInfo> info = keyInfo(alias);
    if (info.isEmpty() || !info.get().hasCertificateChain()) {
      return null;
    }
    try {
      List<X509Certificate> chain = keychain().certificateChain(alias);
      return chain.isEmpty() ? null : chain.toArray(new Certificate[0]);
    } catch (ItemNotFoundException e) {
      return null;
    } catch (KeychainException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public @Nullable Certificate engineGetCertificate(String alias) {
    if (keyInfo(alias).isPresent()) {
      Certificate[] chain = engineGetCertificateChain(alias);
      return chain == null ? null : chain[0];
    }
    try {
      return keychain().certificate(alias);
    } catch (ItemNotFoundException e) {
      return null;
    } catch (KeychainException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public @Nullable Date engineGetCreationDate(String alias) {
    ItemInfo item = entries().get(alias);
    return item == null ? null : Date.from(item.creationTime());
  }

  @Override
  public Enumeration<String> engineAliases() {
    return Collections.enumeration(new ArrayList<>(entries().keySet()));
  }

  @Override
  public boolean engineContainsAlias(String alias) {
    return entries().containsKey(alias);
  }

  @Override
  public int engineSize() {
    return entries().size();
  }

  @Override
  public boolean engineIsKeyEntry(String alias) {
    ItemInfo item = entries().get(alias);
    return item != null && item.itemClass() == ItemClass.KEY;
  }

  @Override
  public boolean engineIsCertificateEntry(String alias) {
    ItemInfo item = entries().get(alias);
    return item != null && item.itemClass() == ItemClass.CERTIFICATE;
  }

  @Override
  public @Nullable String engineGetCertificateAlias(Certificate certificate) {
    for (String alias : entries().keySet()) {
      if (certificate.equals(engineGetCertificate(alias))) {
        return alias;
      }
    }
    return null;
  }

  /**
   * Returns a private key entry for a key with a chain, a trusted entry for a certificate, and null
   * for a key without a chain. The protection parameter is ignored, because the passphrase given at
   * load unlocks every key.
   */
  @Override
  public KeyStore.@Nullable Entry engineGetEntry(String alias, KeyStore.@Nullable ProtectionParameter protection)
      throws NoSuchAlgorithmException, UnrecoverableEntryException {
    if (engineIsCertificateEntry(alias)) {
      Certificate certificate = engineGetCertificate(alias);
      return certificate == null ? null : new KeyStore.TrustedCertificateEntry(certificate);
    }
    Certificate[] chain = engineGetCertificateChain(alias);
    if (chain == null) {
      return null;
    }
    try {
      Key key = engineGetKey(alias, null);
      return key == null ? null : new KeyStore.PrivateKeyEntry((PrivateKey) key, chain);
    } catch (UnrecoverableKeyException e) {
      UnrecoverableEntryException failure = new UnrecoverableEntryException(e.getMessage());
      failure.initCause(e);
      throw failure;
    }
  }

  /**
   * Returns whether the entry is of the given type. A key without a certificate chain is of no
   * standard type: it is not a {@code SecretKeyEntry}, which the default would report, and a
   * {@code PrivateKeyEntry} needs a chain.
   */
  @Override
  public boolean engineEntryInstanceOf(String alias, Class<? extends KeyStore.Entry> entryClass) {
    if (entryClass == KeyStore.TrustedCertificateEntry.class) {
      return engineIsCertificateEntry(alias);
    }
    if (entryClass == KeyStore.PrivateKeyEntry.class) {
      return engineIsKeyEntry(alias) && engineGetCertificateChain(alias) != null;
    }
    return false;
  }

  /** Returns the visible items by tag: keys first, then certificates whose tag no key uses. */
  private Map<String, ItemInfo> entries() {
    Map<String, ItemInfo> entries = new LinkedHashMap<>();
    try {
      for (ItemInfo key : keychain().query(ItemQuery.builder().itemClass(ItemClass.KEY).build())) {
        entries.put(key.tag(), key);
      }
      for (ItemInfo certificate :
          keychain().query(ItemQuery.builder().itemClass(ItemClass.CERTIFICATE).build())) {
        entries.putIfAbsent(certificate.tag(), certificate);
      }
    } catch (KeychainException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    return entries;
  }

  private Optional<KeyInfo> keyInfo(String alias) {
    try {
      return Optional.of(keychain().keyInfo(alias));
    } catch (ItemNotFoundException e) {
      return Optional.empty();
    } catch (KeychainException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }


  /**
   * Stores the certificate chain of a keychain key. The key must be a handle from this keychain
   * with the alias as its tag, because keys can only be generated inside the secure element.
   */
  @Override
  public void engineSetKeyEntry(String alias, Key key, char @Nullable [] password, Certificate @Nullable [] chain)
      throws KeyStoreException {
    if (!(key instanceof KeychainPrivateKey)) {
      throw new KeyStoreException(
          "The Keychain4j key store cannot import key material: generate the key in the keychain"
              + " with the Keychain4j KeyPairGenerator, then set its certificate chain here");
    }
    KeychainPrivateKey handle = (KeychainPrivateKey) key;
    if (handle.keychain() != keychain() || !handle.tag().equals(alias)) {
      throw new KeyStoreException(
          "Key '" + handle.tag() + "' cannot be stored under alias '" + alias + "': use the key's"
              + " own tag as alias, in the key store of the keychain that contains it");
    }
    if (chain == null || chain.length == 0) {
      throw new KeyStoreException(
          "Missing certificate chain for key '" + alias + "': give the chain, leaf first");
    }
    List<X509Certificate> certificates = new ArrayList<>();
    for (Certificate certificate : chain) {
      if (!(certificate instanceof X509Certificate)) {
        throw new KeyStoreException(
            "The chain for key '" + alias + "' contains a " + certificate.getType()
                + " certificate: only X.509 certificates are stored");
      }
      certificates.add((X509Certificate) certificate);
    }
    try {
      keychain().importCertificateChain(alias, certificates);
    } catch (KeychainException | IllegalArgumentException e) {
      throw new KeyStoreException(e.getMessage(), e);
    }
  }

  @Override
  public void engineSetKeyEntry(String alias, byte[] key, Certificate @Nullable [] chain)
      throws KeyStoreException {
    throw new KeyStoreException(
        "The Keychain4j key store cannot import key material: generate the key in the keychain");
  }

  /** Stores a certificate as a trusted entry, replacing an earlier certificate with the alias. */
  @Override
  public void engineSetCertificateEntry(String alias, Certificate certificate) throws KeyStoreException {
    if (!(certificate instanceof X509Certificate)) {
      throw new KeyStoreException("Only X.509 certificates are stored, not " + certificate.getType());
    }
    if (keyInfo(alias).isPresent()) {
      throw new KeyStoreException(
          "Alias '" + alias + "' is a key entry: choose another alias for the certificate");
    }
    try {
      if (engineIsCertificateEntry(alias)) {
        keychain().delete(ItemClass.CERTIFICATE, alias);
      }
      keychain().putCertificate(alias, (X509Certificate) certificate, null);
    } catch (KeychainException | IllegalArgumentException e) {
      throw new KeyStoreException(e.getMessage(), e);
    }
  }

  /** Deletes the key (with its chain) or the certificate with the alias; a missing alias is ignored. */
  @Override
  public void engineDeleteEntry(String alias) throws KeyStoreException {
    ItemInfo item = entries().get(alias);
    if (item == null) {
      return;
    }
    try {
      keychain().delete(item.itemClass(), alias);
    } catch (ItemNotFoundException e) {
      // Another process deleted it first, which is the outcome the caller asked for.
    } catch (KeychainException e) {
      throw new KeyStoreException(e.getMessage(), e);
    }
  }

  private Keychain keychain() {
    Keychain current = keychain;
    if (current == null) {
      throw new IllegalStateException("The Keychain4j key store is not loaded: call load first");
    }
    return current;
  }
}
