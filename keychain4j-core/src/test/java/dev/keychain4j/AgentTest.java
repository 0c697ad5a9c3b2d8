package dev.keychain4j;

import static dev.keychain4j.contract.KeychainContract.MESSAGE;
import static dev.keychain4j.contract.KeychainContract.PASSPHRASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent serves its enclave over a Unix socket and holds the lock state. */
class AgentTest {
  static final SignatureSpec ECDSA_SHA256 = SignatureSpec.ecdsa(Digest.SHA256);

  @TempDir Path temp;
  Path directory;
  KeychainAgent agent;

  @BeforeEach
  void createKeychain() throws Exception {
    directory = temp.resolve("keychain");
    try (Keychain keychain = Keychain.create(directory, PASSPHRASE)) {
      keychain.generateKey("wu", LockStateTest.ec(Accessibility.WHEN_UNLOCKED));
      keychain.generateKey("afu", LockStateTest.ec(Accessibility.AFTER_FIRST_UNLOCK));
      keychain.putSecret("s", new byte[] {1, 2, 3}, null);
    }
  }

  @AfterEach
  void stopAgent() {
    if (agent != null) {
      agent.close();
    }
  }

  @Test
  void socketHasOwnerOnlyMode() throws Exception {
    agent = KeychainAgent.start(directory, null);

    assertThat(agent.socket()).isEqualTo(directory.resolve("agent.sock"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(agent.socket())))
        .isEqualTo("rw-------");
  }

  @Test
  void agentStartsLockedAndFollowsLockState() throws Exception {
    agent = KeychainAgent.start(directory, null);

    try (Keychain client = Keychain.connectToAgent(directory).orElseThrow()) {
      assertThat(client.usesAgent()).isTrue();
      assertThat(client.isLocked()).isTrue();
      assertThatThrownBy(() -> client.sign("afu", ECDSA_SHA256, MESSAGE))
          .isInstanceOfSatisfying(
              InteractionNotAllowedException.class,
              e -> assertThat(e.accessibility()).isEqualTo(Accessibility.AFTER_FIRST_UNLOCK));

      client.unlock(PASSPHRASE);
      byte[] signature = client.sign("wu", ECDSA_SHA256, MESSAGE);
      assertThat(client.verify("wu", ECDSA_SHA256, MESSAGE, signature)).isTrue();
      assertThat(client.secret("s")).containsExactly(1, 2, 3);

      client.lock();
      assertThatThrownBy(() -> client.sign("wu", ECDSA_SHA256, MESSAGE))
          .isInstanceOfSatisfying(
              InteractionNotAllowedException.class,
              e -> {
                assertThat(e.tag()).isEqualTo("wu");
                assertThat(e.accessibility()).isEqualTo(Accessibility.WHEN_UNLOCKED);
              })
          .hasMessageContaining("when-unlocked");
      assertThat(client.sign("afu", ECDSA_SHA256, MESSAGE)).isNotEmpty();
    }
  }

  @Test
  void lockStateIsSharedBetweenClients() throws Exception {
    agent = KeychainAgent.start(directory, null);

    try (Keychain first = Keychain.connectToAgent(directory).orElseThrow();
        Keychain second = Keychain.connectToAgent(directory).orElseThrow()) {
      first.unlock(PASSPHRASE);

      assertThat(second.sign("wu", ECDSA_SHA256, MESSAGE)).isNotEmpty();
      second.generateKey("new", LockStateTest.ec(Accessibility.WHEN_UNLOCKED));
      assertThat(first.sign("new", ECDSA_SHA256, MESSAGE)).isNotEmpty();
    }
  }

  @Test
  void openWithPassphraseUsesAgent() throws Exception {
    agent = KeychainAgent.start(directory, null);

    try (Keychain opened = Keychain.open(directory, PASSPHRASE)) {
      assertThat(opened.usesAgent()).isTrue();
      assertThat(opened.isLocked()).isTrue();
    }
    assertThatThrownBy(() -> Keychain.open(directory, "wrong".toCharArray()))
        .isInstanceOf(WrongPassphraseException.class);
  }

  @Test
  void idleAgentLocksItself() throws Exception {
    agent = KeychainAgent.start(directory, Duration.ofSeconds(1));

    try (Keychain client = Keychain.connectToAgent(directory).orElseThrow()) {
      client.unlock(PASSPHRASE);
      client.sign("wu", ECDSA_SHA256, MESSAGE);
      Thread.sleep(2_500);

      assertThatThrownBy(() -> client.sign("wu", ECDSA_SHA256, MESSAGE))
          .isInstanceOf(InteractionNotAllowedException.class);
      assertThat(client.sign("afu", ECDSA_SHA256, MESSAGE)).isNotEmpty();
    }
  }

  @Test
  void stoppedAgentFallsBackToInProcessElement() throws Exception {
    agent = KeychainAgent.start(directory, null);
    agent.close();
    agent = null;

    assertThat(Keychain.connectToAgent(directory)).isEmpty();
    try (Keychain opened = Keychain.open(directory, PASSPHRASE)) {
      assertThat(opened.usesAgent()).isFalse();
      assertThat(opened.sign("wu", ECDSA_SHA256, MESSAGE)).isNotEmpty();
    }
  }

  @Test
  void attestationRunsInAgent() throws Exception {
    agent = KeychainAgent.start(directory, null);

    try (Keychain client = Keychain.connectToAgent(directory).orElseThrow()) {
      client.unlock(PASSPHRASE);
      java.util.List<java.security.cert.X509Certificate> chain = client.attest("wu", new byte[] {1, 2, 3});

      assertThat(chain).hasSizeGreaterThanOrEqualTo(2);
      assertThat(chain.get(0).getPublicKey().getEncoded()).isEqualTo(client.publicKey("wu").getEncoded());
      chain.get(0).verify(chain.get(1).getPublicKey());
    }
  }

  @Test
  void secondAgentRejected() throws Exception {
    agent = KeychainAgent.start(directory, null);

    assertThatThrownBy(() -> KeychainAgent.start(directory, null))
        .isInstanceOf(KeychainStorageException.class)
        .hasMessageContaining("already");
  }

  @Test
  void authenticationRunsInAgent() throws Exception {
    agent = KeychainAgent.start(directory, null);
    CountingPresence presence = new CountingPresence();
    agent.registerAuthenticator(presence);

    try (Keychain client = Keychain.connectToAgent(directory).orElseThrow()) {
      client.unlock(PASSPHRASE);
      client.generateKey(
          "guarded",
          KeyParameters.builder(KeyAlgorithm.EC_P256)
              .purposes(Purpose.SIGN)
              .accessControl(AccessControl.parse("private-key-usage,user-presence"))
              .build());

      client.sign("guarded", ECDSA_SHA256, MESSAGE);
      presence.accepting = false;
      assertThatThrownBy(() -> client.sign("guarded", ECDSA_SHA256, MESSAGE))
          .isInstanceOf(UserNotAuthenticatedException.class);
      assertThat(presence.prompts.get()).isEqualTo(2);
    }
  }
}
