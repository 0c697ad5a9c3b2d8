package dev.keychain4j.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keychain4j.AuthorizationTag;
import dev.keychain4j.Authorizations;
import dev.keychain4j.Digest;
import dev.keychain4j.DuplicateItemException;
import dev.keychain4j.ItemClass;
import dev.keychain4j.ItemInfo;
import dev.keychain4j.ItemNotFoundException;
import dev.keychain4j.ItemQuery;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyInfo;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.Keychain;
import dev.keychain4j.KeychainException;
import dev.keychain4j.KeychainExistsException;
import dev.keychain4j.KeychainNotFoundException;
import dev.keychain4j.KeychainStatus;
import dev.keychain4j.Purpose;
import dev.keychain4j.SignatureSpec;
import dev.keychain4j.WrongPassphraseException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.EnumSet;
import java.util.List;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The keychain's behaviour that every secure element must keep. Each element's test module has a
 * subclass that supplies an {@link ElementFixture}; the same tests then run on that element.
 */
public abstract class KeychainContract {
  public static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();
  public static final byte[] MESSAGE = "message to sign".getBytes(StandardCharsets.UTF_8);

  @TempDir Path temp;
  protected Path directory;
  protected Keychain keychain;

  /** Returns the element under test. */
  protected abstract ElementFixture fixture();

  @BeforeEach
  public void createKeychain() throws Exception {
    directory = temp.resolve("keychain");
    keychain = fixture().create(directory);
  }

  private char[] secret() {
    return fixture().secret();
  }

  @AfterEach
  public void closeKeychain() {
    keychain.close();
  }

  public static KeyParameters signing(KeyAlgorithm algorithm) {
    return KeyParameters.builder(algorithm).purposes(Purpose.SIGN, Purpose.VERIFY).build();
  }

  @ParameterizedTest
  @EnumSource(
      value = KeyAlgorithm.class,
      names = {"EC_P256", "EC_P384", "EC_P521", "ED25519", "RSA_2048"})
  public void signatureVerifies(KeyAlgorithm algorithm) throws Exception {
    assumeTrue(fixture().algorithms().contains(algorithm), algorithm + " is not offered by this element");
    keychain.generateKey("k", signing(algorithm));
    SignatureSpec spec = SignatureSpec.defaultFor(algorithm, Digest.SHA256);

    byte[] signature = keychain.sign("k", spec, MESSAGE);

    assertThat(keychain.verify("k", spec, MESSAGE, signature)).isTrue();
    assertThat(keychain.verify("k", spec, "other".getBytes(StandardCharsets.UTF_8), signature))
        .isFalse();
    assertThat(keychain.verify("k", spec, MESSAGE, new byte[] {1, 2, 3})).isFalse();
  }

  @Test
  public void ed25519SignatureIsRaw64Bytes() throws Exception {
    keychain.generateKey("ed", signing(KeyAlgorithm.ED25519));

    assertThat(keychain.sign("ed", SignatureSpec.ed25519(), MESSAGE)).hasSize(64);
  }

  @Test
  public void rsaPssSignatureVerifies() throws Exception {
    keychain.generateKey("rsa", signing(KeyAlgorithm.RSA_2048));
    SignatureSpec spec = SignatureSpec.rsaPss(Digest.SHA384);

    byte[] signature = keychain.sign("rsa", spec, MESSAGE);

    assertThat(keychain.verify("rsa", spec, MESSAGE, signature)).isTrue();
  }

  @Test
  public void oaepRoundTrip() throws Exception {
    keychain.generateKey(
        "rsa",
        KeyParameters.builder(KeyAlgorithm.RSA_2048).purposes(Purpose.ENCRYPT, Purpose.DECRYPT).build());

    byte[] ciphertext = keychain.encrypt("rsa", Digest.SHA256, MESSAGE);

    assertThat(keychain.decrypt("rsa", Digest.SHA256, ciphertext)).isEqualTo(MESSAGE);
    assertThatThrownBy(() -> keychain.decrypt("rsa", Digest.SHA256, new byte[256]))
        .isExactlyInstanceOf(KeychainException.class)
        .hasMessageContaining("'rsa'");
  }

  @Test
  public void ecdhMatchesPeerComputation() throws Exception {
    keychain.generateKey(
        "ec", KeyParameters.builder(KeyAlgorithm.EC_P384).purposes(Purpose.AGREE_KEY).build());
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
    java.security.KeyPair peer = generator.generateKeyPair();

    byte[] ours = keychain.agree("ec", peer.getPublic());

    KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
    agreement.init(peer.getPrivate());
    agreement.doPhase(keychain.publicKey("ec"), true);
    assertThat(ours).isEqualTo(agreement.generateSecret());
  }

  @Test
  public void x25519MatchesPeerComputation() throws Exception {
    assumeTrue(fixture().algorithms().contains(KeyAlgorithm.X25519), "X25519 is not offered by this element");
    keychain.generateKey(
        "x", KeyParameters.builder(KeyAlgorithm.X25519).purposes(Purpose.AGREE_KEY).build());
    java.security.KeyPair peer = KeyPairGenerator.getInstance("X25519").generateKeyPair();

    byte[] ours = keychain.agree("x", peer.getPublic());

    KeyAgreement agreement = KeyAgreement.getInstance("X25519");
    agreement.init(peer.getPrivate());
    agreement.doPhase(
        java.security.KeyFactory.getInstance("X25519")
            .generatePublic(new java.security.spec.X509EncodedKeySpec(keychain.publicKey("x").getEncoded())),
        true);
    assertThat(ours).isEqualTo(agreement.generateSecret());
  }

  @Test
  public void agreeRejectsPeerOnOtherCurve() throws Exception {
    keychain.generateKey(
        "ec", KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.AGREE_KEY).build());
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
    PublicKey peer = generator.generateKeyPair().getPublic();

    assertThatThrownBy(() -> keychain.agree("ec", peer))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ec'");
  }

  @Test
  public void keyInfoDescribesKey() throws Exception {
    KeyParameters parameters =
        KeyParameters.builder(KeyAlgorithm.EC_P256)
            .purposes(Purpose.SIGN)
            .digests(Digest.SHA256)
            .usageLimit(5)
            .label("signing key")
            .build();

    KeyInfo generated = keychain.generateKey("MyNewKeyPair", parameters);
    KeyInfo info = keychain.keyInfo("MyNewKeyPair");

    assertThat(info.tag()).isEqualTo("MyNewKeyPair");
    assertThat(info.label()).contains("signing key");
    assertThat(info.algorithm()).isEqualTo(KeyAlgorithm.EC_P256);
    assertThat(info.parameters()).isEqualTo(parameters);
    assertThat(info.securityLevel()).isEqualTo(fixture().securityLevel());
    assertThat(info.remainingUses()).hasValue(5);
    assertThat(info.elementEnforced().tags())
        .isEqualTo(EnumSet.copyOf(fixture().elementEnforced()).stream()
            .filter(tag -> Authorizations.of(parameters, EnumSet.allOf(AuthorizationTag.class)).tags().contains(tag))
            .collect(java.util.stream.Collectors.toSet()));
    Authorizations byElementOrLibrary =
        fixture().elementEnforced().contains(AuthorizationTag.USAGE_LIMIT) ? info.elementEnforced() : info.libraryEnforced();
    assertThat(byElementOrLibrary.usageLimit()).hasValue(5);
    Authorizations purposes =
        fixture().elementEnforced().contains(AuthorizationTag.PURPOSE) ? info.elementEnforced() : info.libraryEnforced();
    assertThat(purposes.purposes()).containsExactly(Purpose.SIGN);
    assertThat(info.hasCertificateChain()).isFalse();
    assertThat(info.publicKey().getEncoded()).isEqualTo(generated.publicKey().getEncoded());
    assertThat(info.creationTime()).isEqualTo(generated.creationTime());
  }

  @Test
  public void duplicateTagRejected() throws Exception {
    keychain.generateKey("k", signing(KeyAlgorithm.ED25519));

    assertThatThrownBy(() -> keychain.generateKey("k", signing(KeyAlgorithm.EC_P256)))
        .isInstanceOf(DuplicateItemException.class)
        .hasMessageContaining("'k'");
    assertThat(keychain.keyInfo("k").algorithm()).isEqualTo(KeyAlgorithm.ED25519);
  }

  @Test
  public void sameTagAllowedInOtherClass() throws Exception {
    keychain.generateKey("shared", signing(KeyAlgorithm.ED25519));

    keychain.putSecret("shared", new byte[] {1}, null);

    assertThat(keychain.secret("shared")).containsExactly(1);
  }

  @Test
  public void unknownTagRejected() {
    assertThatThrownBy(() -> keychain.sign("missing", SignatureSpec.ed25519(), MESSAGE))
        .isInstanceOf(ItemNotFoundException.class)
        .hasMessageContaining("'missing'");
    assertThatThrownBy(() -> keychain.keyInfo("missing")).isInstanceOf(ItemNotFoundException.class);
    assertThatThrownBy(() -> keychain.secret("missing")).isInstanceOf(ItemNotFoundException.class);
    assertThatThrownBy(() -> keychain.delete(ItemClass.KEY, "missing"))
        .isInstanceOf(ItemNotFoundException.class);
  }

  @Test
  public void invalidTagRejected() {
    assertThatThrownBy(() -> keychain.generateKey("", signing(KeyAlgorithm.ED25519)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> keychain.generateKey("a\nb", signing(KeyAlgorithm.ED25519)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> keychain.putSecret(" padded", new byte[1], null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  public void secretRoundTrip() throws Exception {
    byte[] secret = "hunter2".getBytes(StandardCharsets.UTF_8);

    keychain.putSecret("db-password", secret, "database");

    assertThat(keychain.secret("db-password")).isEqualTo(secret);
    assertThatThrownBy(() -> keychain.putSecret("db-password", secret, null))
        .isInstanceOf(DuplicateItemException.class);
    keychain.delete(ItemClass.SECRET, "db-password");
    assertThatThrownBy(() -> keychain.secret("db-password")).isInstanceOf(ItemNotFoundException.class);
  }

  @Test
  public void queryFiltersByEachField() throws Exception {
    keychain.generateKey("a", KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.SIGN).label("team").build());
    keychain.generateKey("b", KeyParameters.builder(KeyAlgorithm.ED25519).purposes(Purpose.SIGN).build());
    keychain.putSecret("c", new byte[] {1}, "team");

    assertThat(keychain.query(ItemQuery.all())).extracting(ItemInfo::tag).containsExactly("a", "b", "c");
    assertThat(keychain.query(ItemQuery.builder().itemClass(ItemClass.SECRET).build()))
        .extracting(ItemInfo::tag)
        .containsExactly("c");
    assertThat(keychain.query(ItemQuery.builder().label("team").build()))
        .extracting(ItemInfo::tag)
        .containsExactly("a", "c");
    assertThat(keychain.query(ItemQuery.builder().algorithm(KeyAlgorithm.ED25519).build()))
        .extracting(ItemInfo::tag)
        .containsExactly("b");
    assertThat(keychain.query(ItemQuery.builder().tag("a").build()))
        .singleElement()
        .satisfies(item -> {
          assertThat(item.itemClass()).isEqualTo(ItemClass.KEY);
          assertThat(item.algorithm()).contains(KeyAlgorithm.EC_P256);
          assertThat(item.label()).contains("team");
        });
    assertThat(keychain.query(ItemQuery.builder().itemClass(ItemClass.IDENTITY).build())).isEmpty();
  }

  @Test
  public void deleteKeyRemovesIt() throws Exception {
    keychain.generateKey("k", signing(KeyAlgorithm.EC_P256));
    keychain.sign("k", SignatureSpec.ecdsa(Digest.SHA256), MESSAGE);

    keychain.delete(ItemClass.KEY, "k");

    assertThatThrownBy(() -> keychain.sign("k", SignatureSpec.ecdsa(Digest.SHA256), MESSAGE))
        .isInstanceOf(ItemNotFoundException.class);
    assertThat(keychain.status().count(ItemClass.KEY)).isZero();
  }

  @Test
  public void statusCountsItems() throws Exception {
    keychain.generateKey("k", signing(KeyAlgorithm.ED25519));
    keychain.putSecret("s", new byte[] {1}, null);

    KeychainStatus status = keychain.status();

    assertThat(status.directory()).isEqualTo(directory);
    assertThat(status.securityLevel()).isEqualTo(fixture().securityLevel());
    assertThat(status.elementName()).isEqualTo(fixture().elementName());
    assertThat(status.count(ItemClass.KEY)).isEqualTo(1);
    assertThat(status.count(ItemClass.SECRET)).isEqualTo(1);
    assertThat(status.count(ItemClass.IDENTITY)).isZero();
  }

  @Test
  public void filesArePrivate() throws Exception {
    keychain.generateKey("k", signing(KeyAlgorithm.ED25519));
    keychain.putSecret("s", new byte[] {1}, null);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
        .isEqualTo("rwx------");
    List<Path> files;
    try (var list = Files.list(directory)) {
      files = list.toList();
    }
    assertThat(files)
        .extracting(path -> path.getFileName().toString())
        .contains("keychain.db", "keychain.db-wal", "keychain.db-shm");
    for (Path file : files) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .as(file.toString())
          .isEqualTo("rw-------");
    }
  }

  @Test
  public void sharedDirectoryKeepsItsMode() throws Exception {
    Path shared = Files.createDirectory(temp.resolve("shared"));
    Files.writeString(shared.resolve("notes.txt"), "not a keychain file");
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-x---"));

    try (Keychain other = fixture().create(shared)) {
      other.putSecret("s", new byte[] {1}, null);

      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)))
          .isEqualTo("rwxr-x---");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared.resolve("keychain.db"))))
          .isEqualTo("rw-------");
    }
  }

  @Test
  public void widenedPermissionsResetOnOpen() throws Exception {
    keychain.putSecret("s", new byte[] {1}, null);
    keychain.close();
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(directory.resolve("keychain.db"), PosixFilePermissions.fromString("rw-r--r--"));

    keychain = Keychain.open(directory, secret());

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("keychain.db"))))
        .isEqualTo("rw-------");
  }

  @Test
  public void reopenKeepsItems() throws Exception {
    keychain.generateKey("k", signing(KeyAlgorithm.ED25519));
    keychain.putSecret("s", new byte[] {7}, null);
    byte[] publicKey = keychain.publicKey("k").getEncoded();
    keychain.close();

    keychain = Keychain.open(directory, secret());

    assertThat(keychain.publicKey("k").getEncoded()).isEqualTo(publicKey);
    byte[] signature = keychain.sign("k", SignatureSpec.ed25519(), MESSAGE);
    assertThat(keychain.verify("k", SignatureSpec.ed25519(), MESSAGE, signature)).isTrue();
    assertThat(keychain.secret("s")).containsExactly(7);
    assertThat(keychain.verifyIntegrity()).isEqualTo(2);
  }

  @Test
  public void wrongPassphraseRejectedAndKeychainUnchanged() throws Exception {
    keychain.generateKey("k", signing(KeyAlgorithm.ED25519));
    keychain.close();
    byte[] before = Files.readAllBytes(directory.resolve("keychain.db"));

    assertThatThrownBy(() -> Keychain.open(directory, "wrong".toCharArray()))
        .isInstanceOf(WrongPassphraseException.class)
        .hasMessageContaining(directory.toString());

    assertThat(Files.readAllBytes(directory.resolve("keychain.db"))).isEqualTo(before);
    keychain = Keychain.open(directory, secret());
    assertThat(keychain.keyInfo("k").algorithm()).isEqualTo(KeyAlgorithm.ED25519);
  }

  @Test
  public void createTwiceRejected() {
    assertThatThrownBy(() -> fixture().create(directory))
        .isInstanceOf(KeychainExistsException.class)
        .hasMessageContaining(directory.toString());
  }

  @Test
  public void openMissingKeychainRejected() {
    Path missing = temp.resolve("missing");

    assertThatThrownBy(() -> Keychain.open(missing, secret()))
        .isInstanceOf(KeychainNotFoundException.class)
        .hasMessageContaining(missing.toString());
    assertThat(missing).doesNotExist();
  }

  @Test
  public void emptyPassphraseRejected() {
    assertThatThrownBy(() -> Keychain.create(temp.resolve("other"), new char[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  public void otherInstanceSeesDeletion() throws Exception {
    keychain.generateKey("k", signing(KeyAlgorithm.ED25519));
    keychain.sign("k", SignatureSpec.ed25519(), MESSAGE);

    try (Keychain other = Keychain.open(directory, secret())) {
      other.delete(ItemClass.KEY, "k");
    }
    Thread.sleep(2 * Keychain.CHANGE_CHECK_INTERVAL_MILLIS);

    assertThatThrownBy(() -> keychain.sign("k", SignatureSpec.ed25519(), MESSAGE))
        .isInstanceOf(ItemNotFoundException.class);
  }

  @Test
  public void closedKeychainRejectsUse() {
    keychain.close();

    assertThatThrownBy(() -> keychain.status()).isInstanceOf(IllegalStateException.class);
  }
}
