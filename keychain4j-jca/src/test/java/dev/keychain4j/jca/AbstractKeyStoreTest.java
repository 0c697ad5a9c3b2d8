package dev.keychain4j.jca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keychain4j.ItemClass;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.Keychain;
import dev.keychain4j.Purpose;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code Keychain4j} key store through the standard {@code KeyStore} API. */
abstract class AbstractKeyStoreTest extends InstalledProvider {
  @TempDir Path directory;
  TestPki pki;
  Keychain keychain;
  Path keychainDirectory;

  @BeforeEach
  void createKeychain() throws Exception {
    Files.createDirectories(directory.resolve("pki"));
    pki = new TestPki(directory.resolve("pki"));
    keychainDirectory = directory.resolve("keychain");
    keychain = TestKeychains.withIdentity(keychainDirectory, pki, "identity", KeyAlgorithm.EC_P256);
    TestKeychains.generate(keychain, "bare-key", KeyAlgorithm.ED25519, Purpose.SIGN);
    keychain.putCertificate("ca", pki.caCertificate, null);
  }

  @AfterEach
  void closeKeychain() {
    keychain.close();
  }

  @Test
  void entriesMirrorKeychainItems() throws Exception {
    KeyStore store = KeyStore.getInstance("Keychain4j");
    store.load(KeychainLoadStoreParameter.of(keychainDirectory, TestKeychains.PASSPHRASE));

    assertThat(Collections.list(store.aliases())).containsExactlyInAnyOrder("identity", "bare-key", "ca");
    assertThat(store.size()).isEqualTo(3);
    assertThat(store.isKeyEntry("identity")).isTrue();
    assertThat(store.isKeyEntry("bare-key")).isTrue();
    assertThat(store.isCertificateEntry("ca")).isTrue();
    assertThat(store.getCertificateChain("identity")).containsExactlyElementsOf(keychain.certificateChain("identity"));
    assertThat(store.getCertificateChain("bare-key")).isNull();
    assertThat(store.entryInstanceOf("identity", KeyStore.PrivateKeyEntry.class)).isTrue();
    assertThat(store.entryInstanceOf("bare-key", KeyStore.PrivateKeyEntry.class)).isFalse();
    assertThat(store.entryInstanceOf("bare-key", KeyStore.SecretKeyEntry.class)).isFalse();
    assertThat(store.entryInstanceOf("ca", KeyStore.TrustedCertificateEntry.class)).isTrue();
    assertThat(store.getCertificate("ca")).isEqualTo(pki.caCertificate);
    assertThat(store.getCertificateAlias(pki.caCertificate)).isEqualTo("ca");
    assertThat(store.getCreationDate("identity")).isNotNull();
    assertThat(store.containsAlias("missing")).isFalse();
    assertThat(store.getKey("missing", null)).isNull();
  }

  @Test
  void getKeyReturnsOpaqueHandle() throws Exception {
    KeyStore store = TestKeychains.keyStore(keychain);

    Key key = store.getKey("identity", null);

    assertThat(key).isInstanceOf(KeychainEcPrivateKey.class);
    assertThat(key.getEncoded()).isNull();
    assertThat(((KeychainPrivateKey) key).tag()).isEqualTo("identity");
    assertThat(store.getEntry("identity", new KeyStore.PasswordProtection(new char[0])))
        .isInstanceOf(KeyStore.PrivateKeyEntry.class);
  }

  @Test
  void streamLoadReadsPropertiesFile() throws Exception {
    String properties = "# keychain4j key store\nkeychain=" + keychainDirectory + "\n";
    KeyStore store = KeyStore.getInstance("Keychain4j");
    store.load(new ByteArrayInputStream(properties.getBytes(StandardCharsets.UTF_8)), TestKeychains.PASSPHRASE);

    assertThat(store.isKeyEntry("identity")).isTrue();
  }

  @Test
  void streamLoadWithoutDirectoryFails() throws Exception {
    KeyStore store = KeyStore.getInstance("Keychain4j");

    assertThatThrownBy(() -> store.load(new ByteArrayInputStream(new byte[0]), TestKeychains.PASSPHRASE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("keychain=");
  }

  @Test
  void wrongPassphraseFailsLoad() throws Exception {
    KeyStore store = KeyStore.getInstance("Keychain4j");

    assertThatThrownBy(() -> store.load(KeychainLoadStoreParameter.of(keychainDirectory, "wrong".toCharArray())))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(keychainDirectory.toString());
  }

  @Test
  void setKeyEntryStoresChain() throws Exception {
    KeyPair pair = TestKeychains.generate(keychain, "new-identity", KeyAlgorithm.RSA_2048, Purpose.SIGN);
    List<X509Certificate> chain = pki.certifyKeychainKey(keychain, "new-identity", "new identity");
    KeyStore store = TestKeychains.keyStore(keychain);

    store.setKeyEntry("new-identity", pair.getPrivate(), null, chain.toArray(new Certificate[0]));

    assertThat(keychain.certificateChain("new-identity")).containsExactlyElementsOf(chain);
    assertThat(store.getCertificateChain("new-identity")).containsExactlyElementsOf(chain);
  }

  @Test
  void setKeyEntryRejectsSoftwareKey() throws Exception {
    KeyPair software = KeyPairGenerator.getInstance("RSA", "SunRsaSign").generateKeyPair();
    KeyStore store = TestKeychains.keyStore(keychain);

    assertThatThrownBy(
            () -> store.setKeyEntry("imported", software.getPrivate(), null, new Certificate[] {pki.caCertificate}))
        .isInstanceOf(KeyStoreException.class)
        .hasMessageContaining("KeyPairGenerator");
    assertThat(store.containsAlias("imported")).isFalse();
  }

  @Test
  void setKeyEntryRejectsOtherAlias() throws Exception {
    KeyStore store = TestKeychains.keyStore(keychain);
    Key key = store.getKey("identity", null);

    assertThatThrownBy(
            () -> store.setKeyEntry("renamed", key, null, store.getCertificateChain("identity")))
        .isInstanceOf(KeyStoreException.class)
        .hasMessageContaining("renamed");
  }

  @Test
  void setCertificateEntryAddsTrustedCertificate() throws Exception {
    KeyStore store = TestKeychains.keyStore(keychain);
    X509Certificate leaf = keychain.certificateChain("identity").get(0);

    store.setCertificateEntry("peer", leaf);
    store.setCertificateEntry("peer", pki.caCertificate);

    assertThat(keychain.certificate("peer")).isEqualTo(pki.caCertificate);
    assertThatThrownBy(() -> store.setCertificateEntry("identity", leaf)).isInstanceOf(KeyStoreException.class);
  }

  @Test
  void deleteEntryDeletesItems() throws Exception {
    KeyStore store = TestKeychains.keyStore(keychain);

    store.deleteEntry("identity");
    store.deleteEntry("ca");

    assertThat(keychain.query(dev.keychain4j.ItemQuery.builder().itemClass(ItemClass.KEY).build()))
        .extracting(dev.keychain4j.ItemInfo::tag)
        .containsExactly("bare-key");
    assertThat(keychain.query(dev.keychain4j.ItemQuery.builder().itemClass(ItemClass.CERTIFICATE).build())).isEmpty();
    assertThat(Collections.list(store.aliases())).containsExactly("bare-key");
  }

  @Test
  void storeWritesNothing() throws Exception {
    KeyStore store = TestKeychains.keyStore(keychain);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    store.store(out, null);

    assertThat(out.size()).isZero();
  }
}
