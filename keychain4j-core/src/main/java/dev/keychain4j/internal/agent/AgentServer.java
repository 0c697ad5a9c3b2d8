package dev.keychain4j.internal.agent;

import static dev.keychain4j.internal.agent.AgentProtocol.OK;

import dev.keychain4j.Accessibility;
import dev.keychain4j.AuthenticatorType;
import dev.keychain4j.Digest;
import dev.keychain4j.InteractionNotAllowedException;
import dev.keychain4j.KeychainException;
import dev.keychain4j.SignatureSpec;
import dev.keychain4j.internal.AuthorizationCodec;
import dev.keychain4j.internal.MalformedDataException;
import dev.keychain4j.internal.PublicKeys;
import dev.keychain4j.internal.enclave.DeviceKeyWrapping;
import dev.keychain4j.internal.enclave.SoftwareEnclave;
import dev.keychain4j.spi.AuthToken;
import dev.keychain4j.spi.ElementKey;
import dev.keychain4j.spi.GeneratedKey;
import dev.keychain4j.spi.KeyBinding;
import dev.keychain4j.spi.KeyReference;
import dev.keychain4j.spi.PasscodeVerification;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one software enclave over a Unix domain socket {@code agent.sock} in the keychain
 * directory. The socket is bound under a temporary name, given mode 0600, then renamed into place,
 * so it appears at its final path only with that mode. The temporary name is inside the keychain
 * directory, which has mode 0700 unless it is shared. Each connection's peer user is also read with {@code
 * SO_PEERCRED} where the platform offers it, and a connection from another user is closed.
 *
 * <p>Each request and each refusal is logged with the operation, the tag and the reason; never
 * messages, signatures, secrets, passphrases or tokens.
 */
public final class AgentServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AgentServer.class);

  private final Path directory;
  private final Path socket;
  private final SoftwareEnclave enclave;
  private final ServerSocketChannel server;
  private final @Nullable Duration idleLock;
  private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());
  private final String user;
  private volatile boolean closed;

  private AgentServer(Path directory, SoftwareEnclave enclave, @Nullable Duration idleLock) throws IOException {
    this.directory = directory;
    this.socket = AgentProtocol.socketPath(directory);
    this.enclave = enclave;
    this.idleLock = idleLock;
    this.user = System.getProperty("user.name", "");
    Path temporary = directory.resolve(AgentProtocol.SOCKET_NAME + "." + ProcessHandle.current().pid() + ".tmp");
    Files.deleteIfExists(temporary);
    ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.bind(UnixDomainSocketAddress.of(temporary));
      Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
      Files.move(temporary, socket, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      channel.close();
      Files.deleteIfExists(temporary);
      throw e;
    }
    this.server = channel;
  }

  /**
   * Binds the socket and starts serving on daemon threads; the enclave starts locked.
   *
   * @param idleLock lock the enclave after this long without a request, or never when null
   */
  public static AgentServer start(Path directory, byte[] wrappedDeviceKey, @Nullable Duration idleLock)
      throws IOException {
    AgentServer agent = new AgentServer(directory, SoftwareEnclave.openLocked(wrappedDeviceKey), idleLock);
    Thread acceptor = new Thread(agent::acceptLoop, "keychain-agent-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    if (idleLock != null) {
      Thread idle = new Thread(agent::idleLoop, "keychain-agent-idle-lock");
      idle.setDaemon(true);
      idle.start();
    }
    LOG.info("Agent serving the keychain in {} on {}, locked{}", directory, agent.socket,
        idleLock == null ? "" : ", idle lock after " + idleLock.toSeconds() + " s");
    return agent;
  }

  /** Registers an authenticator with the served enclave. */
  public void registerAuthenticator(dev.keychain4j.Authenticator authenticator) {
    enclave.registerAuthenticator(authenticator);
  }

  /** Returns the socket file. */
  public Path socket() {
    return socket;
  }

  private void acceptLoop() {
    while (!closed) {
      SocketChannel client;
      try {
        client = server.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.error("Agent stopped accepting connections on {}: {}", socket, e.toString());
        }
        return;
      }
      if (!peerAllowed(client)) {
        continue;
      }
      Thread worker = new Thread(() -> serve(client), "keychain-agent-client");
      worker.setDaemon(true);
      worker.start();
    }
  }

  private boolean peerAllowed(SocketChannel client) {
    try {
      UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
      if (!peer.user().getName().equals(user)) {
        LOG.warn("Refused a connection from user {}: the agent serves only {}", peer.user().getName(), user);
        client.close();
        return false;
      }
    } catch (UnsupportedOperationException e) {
      // No SO_PEERCRED here: the socket file's mode 0600 is the only check.
    } catch (IOException e) {
      LOG.warn("Refused a connection whose peer credentials cannot be read: {}", e.toString());
      closeQuietly(client);
      return false;
    }
    return true;
  }

  private void serve(SocketChannel client) {
    try (client) {
      while (!closed) {
        byte[] request;
        try {
          request = AgentProtocol.readFrame(client);
        } catch (EOFException e) {
          return;
        }
        lastActivity.set(System.nanoTime());
        AgentProtocol.writeFrame(client, handle(request));
      }
    } catch (IOException e) {
      if (!closed) {
        LOG.warn("Agent connection failed: {}", e.toString());
      }
    }
  }

  /** Runs one request and returns the response body. */
  byte[] handle(byte[] request) {
    AgentProtocol.Reader in = new AgentProtocol.Reader(request);
    int operation = -1;
    String tag = "-";
    try {
      operation = in.readByte();
      AgentProtocol.Writer out = new AgentProtocol.Writer(OK);
      switch (operation) {
        case AgentProtocol.GENERATE: {
          KeyBinding binding = in.readBinding();
          tag = binding.tag();
          byte[] authorizations = in.readBytes();
          in.end();
          GeneratedKey generated = enclave.generateKey(binding, AuthorizationCodec.decode(authorizations));
          out.writeBytes(generated.reference().bytes()).writeBytes(generated.publicKey().getEncoded());
          break;
        }
        case AgentProtocol.SIGN: {
          ElementKey key = in.readKey();
          tag = key.binding().tag();
          SignatureSpec spec = readSpec(in);
          byte[] message = in.readBytes();
          in.end();
          out.writeBytes(enclave.sign(key, spec, message));
          break;
        }
        case AgentProtocol.SIGN_ATTESTATION: {
          ElementKey key = in.readKey();
          tag = key.binding().tag();
          SignatureSpec spec = readSpec(in);
          byte[] toBeSigned = in.readBytes();
          in.end();
          out.writeBytes(enclave.signAttestation(key, spec, toBeSigned));
          break;
        }
        case AgentProtocol.DECRYPT: {
          ElementKey key = in.readKey();
          tag = key.binding().tag();
          Digest digest = readDigest(in);
          byte[] ciphertext = in.readBytes();
          in.end();
          out.writeBytes(enclave.decrypt(key, digest, ciphertext));
          break;
        }
        case AgentProtocol.AGREE: {
          ElementKey key = in.readKey();
          tag = key.binding().tag();
          byte[] peerEncoded = in.readBytes();
          in.end();
          PublicKey peer;
          try {
            peer = PublicKeys.decode(key.authorizations().algorithm(), peerEncoded);
          } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException(
                "The peer key is not a " + key.authorizations().algorithm().cliName() + " public key:"
                    + " use a key of the same curve");
          }
          out.writeBytes(enclave.agree(key, peer));
          break;
        }
        case AgentProtocol.CHECK_KEY: {
          ElementKey key = in.readKey();
          tag = key.binding().tag();
          in.end();
          enclave.checkKey(key);
          break;
        }
        case AgentProtocol.COUNTER: {
          KeyBinding binding = in.readBinding();
          tag = binding.tag();
          int remaining = in.readInt();
          in.end();
          out.writeBytes(enclave.authenticateCounter(binding, remaining).authenticator());
          break;
        }
        case AgentProtocol.SEAL: {
          KeyBinding binding = in.readBinding();
          tag = binding.tag();
          byte[] secret = in.readBytes();
          Accessibility accessibility = AuthorizationCodec.accessibilityFromCode(in.readByte());
          in.end();
          out.writeBytes(enclave.sealSecret(binding, secret, accessibility));
          Arrays.fill(secret, (byte) 0);
          break;
        }
        case AgentProtocol.UNSEAL: {
          KeyBinding binding = in.readBinding();
          tag = binding.tag();
          byte[] sealed = in.readBytes();
          Accessibility accessibility = AuthorizationCodec.accessibilityFromCode(in.readByte());
          in.end();
          byte[] secret = enclave.unsealSecret(binding, sealed, accessibility);
          out.writeBytes(secret);
          Arrays.fill(secret, (byte) 0);
          break;
        }
        case AgentProtocol.DESTROY: {
          KeyBinding binding = in.readBinding();
          tag = binding.tag();
          byte[] reference = in.readBytes();
          in.end();
          enclave.destroyKey(binding, KeyReference.of(reference));
          break;
        }
        case AgentProtocol.LOCK:
          in.end();
          enclave.lock();
          break;
        case AgentProtocol.UNLOCK: {
          byte[] passphrase = in.readBytes();
          in.end();
          try {
            enclave.unlock(passphrase);
          } finally {
            Arrays.fill(passphrase, (byte) 0);
          }
          break;
        }
        case AgentProtocol.VERIFY_PASSPHRASE: {
          byte[] passphrase = in.readBytes();
          in.end();
          try {
            Arrays.fill(DeviceKeyWrapping.unwrap(enclave.wrappedDeviceKey(), passphrase), (byte) 0);
          } finally {
            Arrays.fill(passphrase, (byte) 0);
          }
          break;
        }
        case AgentProtocol.STATUS:
          in.end();
          out.writeByte(enclave.isLocked() ? 1 : 0).writeByte(enclave.wasUnlocked() ? 1 : 0);
          out.writeLong(idleLock == null ? -1 : idleLock.toSeconds());
          break;
        case AgentProtocol.BEGIN_OPERATION: {
          KeyBinding binding = in.readBinding();
          tag = binding.tag();
          in.end();
          out.writeLong(enclave.beginOperation(binding));
          break;
        }
        case AgentProtocol.AUTHENTICATE: {
          AuthenticatorType type = readType(in);
          long challenge = in.readLong();
          String reason = in.readString();
          in.end();
          out.writeBytes(enclave.authenticate(type, challenge, reason).encoded());
          break;
        }
        case AgentProtocol.CREATE_PASSCODE: {
          byte[] passcode = in.readBytes();
          in.end();
          char[] chars = chars(passcode);
          try {
            out.writeBytes(enclave.createPasscodeRecord(chars));
          } finally {
            Arrays.fill(chars, '\0');
          }
          break;
        }
        case AgentProtocol.COUNT_PASSCODE: {
          byte[] record = in.readBytes();
          in.end();
          out.writeBytes(enclave.countPasscodeAttempt(record));
          break;
        }
        case AgentProtocol.VERIFY_PASSCODE: {
          byte[] record = in.readBytes();
          byte[] passcode = in.readBytes();
          long challenge = in.readLong();
          in.end();
          char[] chars = chars(passcode);
          PasscodeVerification verification;
          try {
            verification = enclave.verifyPasscode(record, chars, challenge);
          } finally {
            Arrays.fill(chars, '\0');
          }
          out.writeBytes(verification.record());
          out.writeByte(verification.token().isPresent() ? 1 : 0);
          if (verification.token().isPresent()) {
            out.writeBytes(verification.token().get().encoded());
          }
          if (verification.token().isEmpty()) {
            LOG.warn("Refused verify-passcode: wrong passcode");
          }
          break;
        }
        default:
          throw new MalformedDataException("unknown operation " + operation);
      }
      LOG.info("Allowed {} for '{}'", AgentProtocol.operationName(operation), tag);
      return out.toByteArray();
    } catch (InteractionNotAllowedException e) {
      LOG.warn("Refused {} for '{}': locked, item accessible {}", AgentProtocol.operationName(operation),
          tag, e.accessibility().cliName());
      return AgentProtocol.error(e);
    } catch (KeychainException e) {
      LOG.warn("Refused {} for '{}': {}", AgentProtocol.operationName(operation), tag,
          e.getClass().getSimpleName());
      return AgentProtocol.error(e);
    } catch (MalformedDataException e) {
      LOG.warn("Refused a malformed request: {}", e.getMessage());
      return AgentProtocol.error(new KeychainException("Malformed agent request: " + e.getMessage()));
    } catch (IllegalArgumentException e) {
      LOG.warn("Refused {} for '{}': invalid argument", AgentProtocol.operationName(operation), tag);
      return AgentProtocol.error(e);
    } catch (RuntimeException e) {
      LOG.error("Failed {} for '{}': {}", AgentProtocol.operationName(operation), tag, e.toString());
      return AgentProtocol.error(new KeychainException("The agent failed the request: " + e.getClass().getSimpleName()));
    }
  }

  private static SignatureSpec readSpec(AgentProtocol.Reader in) throws MalformedDataException {
    int scheme = in.readByte();
    Digest digest = readDigest(in);
    try {
      switch (scheme) {
        case 0:
          return SignatureSpec.ecdsa(digest);
        case 1:
          return SignatureSpec.ed25519();
        case 2:
          return SignatureSpec.rsaPkcs1(digest);
        case 3:
          return SignatureSpec.rsaPss(digest);
        default:
          throw new MalformedDataException("unknown signature scheme " + scheme);
      }
    } catch (IllegalArgumentException e) {
      throw new MalformedDataException("invalid signature scheme: " + e.getMessage());
    }
  }

  static int schemeCode(SignatureSpec spec) {
    return spec.scheme().ordinal();
  }

  private static Digest readDigest(AgentProtocol.Reader in) throws MalformedDataException {
    int code = in.readByte();
    if (code >= Digest.values().length) {
      throw new MalformedDataException("unknown digest " + code);
    }
    return Digest.values()[code];
  }

  private static AuthenticatorType readType(AgentProtocol.Reader in) throws MalformedDataException {
    int code = in.readByte();
    if (code >= AuthenticatorType.values().length) {
      throw new MalformedDataException("unknown authenticator type " + code);
    }
    return AuthenticatorType.values()[code];
  }

  private static char[] chars(byte[] utf8) {
    CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(utf8));
    char[] chars = new char[decoded.remaining()];
    decoded.get(chars);
    Arrays.fill(utf8, (byte) 0);
    if (decoded.hasArray()) {
      Arrays.fill(decoded.array(), '\0');
    }
    return chars;
  }

  private void idleLoop() {
    long limit = idleLock == null ? Long.MAX_VALUE : idleLock.toNanos();
    while (!closed) {
      try {
        Thread.sleep(Math.min(1000, Math.max(50, idleLock == null ? 1000 : idleLock.toMillis() / 4)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (!enclave.isLocked() && System.nanoTime() - lastActivity.get() >= limit) {
        enclave.lock();
        LOG.info("Locked the keychain in {} after {} s without a request", directory, idleLock.toSeconds());
      }
    }
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing left to release.
    }
  }

  /** Stops serving, deletes the socket file and wipes the enclave. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      server.close();
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      LOG.warn("Cannot delete the agent socket {}: {}", socket, e.toString());
    }
    enclave.close();
    LOG.info("Agent for the keychain in {} stopped", directory);
  }
}
