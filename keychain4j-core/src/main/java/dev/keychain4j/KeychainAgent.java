package dev.keychain4j;

import dev.keychain4j.internal.agent.AgentServer;
import dev.keychain4j.internal.store.ItemStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The keychain agent: runs the secure element of one keychain in this process and serves it to
 * other processes over the Unix domain socket {@code agent.sock} (mode 0600) in the keychain
 * directory. {@link Keychain#open} and {@link Keychain#connectToAgent} use it when it runs. The
 * agent starts locked; items are usable after {@link Keychain#unlock}, and {@code
 * AFTER_FIRST_UNLOCK} items stay usable after a later lock until the agent stops.
 */
public final class KeychainAgent implements AutoCloseable {
  private final AgentServer server;

  private KeychainAgent(AgentServer server) {
    this.server = server;
  }

  /**
   * Starts an agent for the keychain in {@code directory}.
   *
   * @param idleLock lock after this long without a request, or never when null
   * @throws KeychainNotFoundException if the directory contains no keychain
   * @throws KeychainStorageException if the socket cannot be created
   */
  public static KeychainAgent start(Path directory, @Nullable Duration idleLock) throws KeychainException {
    if (idleLock != null && (idleLock.isNegative() || idleLock.isZero())) {
      throw new IllegalArgumentException(
          "Invalid idle lock " + idleLock.toSeconds() + " s: use at least 1 second, or none");
    }
    byte[] wrapped;
    try (ItemStore store = ItemStore.open(directory, false)) {
      Optional<byte[]> deviceKey = store.meta("device_key");
      if (deviceKey.isEmpty()) {
        throw new KeychainNotFoundException(
            "No initialized keychain in the database in " + directory + ": run 'keychain init'"
                + " to create one");
      }
      wrapped = deviceKey.get();
    }
    if (Keychain.agentRunning(directory)) {
      throw new KeychainStorageException(
          "An agent already serves the keychain in " + directory + ": stop it first");
    }
    try {
      return new KeychainAgent(AgentServer.start(directory, wrapped, idleLock));
    } catch (IOException e) {
      throw new KeychainStorageException(
          "Cannot create the agent socket in " + directory + ": " + e.getMessage(), e);
    }
  }

  /** Registers a presence or biometric authenticator with the agent's secure element. */
  public void registerAuthenticator(Authenticator authenticator) {
    server.registerAuthenticator(authenticator);
  }

  /** Returns the socket file clients connect to. */
  public Path socket() {
    return server.socket();
  }

  /** Stops serving, deletes the socket file and wipes the keys the agent holds. */
  @Override
  public void close() {
    server.close();
  }
}
