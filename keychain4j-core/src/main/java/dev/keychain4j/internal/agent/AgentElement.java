package dev.keychain4j.internal.agent;

import dev.keychain4j.Accessibility;
import dev.keychain4j.AuthenticatorType;
import dev.keychain4j.AuthorizationTag;
import dev.keychain4j.Digest;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.KeychainException;
import dev.keychain4j.SecurityLevel;
import dev.keychain4j.SignatureSpec;
import dev.keychain4j.internal.AuthorizationCodec;
import dev.keychain4j.internal.MalformedDataException;
import dev.keychain4j.internal.PublicKeys;
import dev.keychain4j.internal.enclave.SoftwareEnclave;
import dev.keychain4j.spi.AuthToken;
import dev.keychain4j.spi.ElementKey;
import dev.keychain4j.spi.GeneratedKey;
import dev.keychain4j.spi.KeyBinding;
import dev.keychain4j.spi.KeyReference;
import dev.keychain4j.spi.PasscodeVerification;
import dev.keychain4j.spi.SecureElement;
import dev.keychain4j.spi.UsageCounter;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The software enclave of a running agent, reached over its Unix domain socket. Every operation is
 * one request; the enclave, its keys and its lock state stay in the agent process. Requests on one
 * connection run one at a time.
 */
public final class AgentElement implements SecureElement {
  private static final Set<AuthorizationTag> ALL_TAGS =
      Collections.unmodifiableSet(EnumSet.allOf(AuthorizationTag.class));

  private final Path socket;
  private final SocketChannel channel;

  private AgentElement(Path socket, SocketChannel channel) {
    this.socket = socket;
    this.channel = channel;
  }

  /** Connects to the agent of the keychain in {@code directory}, if one is running. */
  public static Optional<AgentElement> connect(Path directory) {
    Path socket = AgentProtocol.socketPath(directory);
    if (!Files.exists(socket)) {
      return Optional.empty();
    }
    try {
      SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        channel.connect(UnixDomainSocketAddress.of(socket));
      } catch (IOException e) {
        channel.close();
        // A socket file left by an agent that stopped: the in-process element is used.
        return Optional.empty();
      }
      return Optional.of(new AgentElement(socket, channel));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private synchronized AgentProtocol.Reader call(AgentProtocol.Writer request) throws KeychainException {
    byte[] response;
    try {
      AgentProtocol.writeFrame(channel, request.toByteArray());
      response = AgentProtocol.readFrame(channel);
    } catch (IOException e) {
      throw new KeychainException(
          "The keychain agent on " + socket + " did not respond (" + e.getMessage() + "): restart"
              + " 'keychain agent' or stop it to use the keychain in process", e);
    }
    AgentProtocol.Reader in = new AgentProtocol.Reader(response);
    try {
      if (in.readByte() == AgentProtocol.OK) {
        return in;
      }
      Exception error = AgentProtocol.readError(in);
      if (error instanceof IllegalArgumentException) {
        throw (IllegalArgumentException) error;
      }
      throw (KeychainException) error;
    } catch (MalformedDataException e) {
      throw new KeychainException("The keychain agent sent a malformed response: " + e.getMessage());
    }
  }

  private static KeychainException malformed(MalformedDataException e) {
    return new KeychainException("The keychain agent sent a malformed response: " + e.getMessage());
  }

  @Override
  public String name() {
    return SoftwareEnclave.NAME;
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
  public GeneratedKey generateKey(KeyBinding binding, KeyParameters parameters) throws KeychainException {
    KeyParameters authorizations = parameters.withoutLabel();
    AgentProtocol.Reader in =
        call(new AgentProtocol.Writer(AgentProtocol.GENERATE)
            .writeBinding(binding)
            .writeBytes(AuthorizationCodec.encode(authorizations)));
    try {
      KeyReference reference = KeyReference.of(in.readBytes());
      PublicKey publicKey = PublicKeys.decode(authorizations.algorithm(), in.readBytes());
      return new GeneratedKey(reference, publicKey);
    } catch (MalformedDataException e) {
      throw malformed(e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new KeychainException("The keychain agent returned an invalid public key");
    }
  }

  @Override
  public byte[] sign(ElementKey key, SignatureSpec spec, byte[] message) throws KeychainException {
    return bytes(call(new AgentProtocol.Writer(AgentProtocol.SIGN)
        .writeKey(key)
        .writeByte(AgentServer.schemeCode(spec))
        .writeByte(spec.digest().ordinal())
        .writeBytes(message)));
  }

  @Override
  public byte[] signAttestation(ElementKey key, SignatureSpec spec, byte[] toBeSigned) throws KeychainException {
    return bytes(call(new AgentProtocol.Writer(AgentProtocol.SIGN_ATTESTATION)
        .writeKey(key)
        .writeByte(AgentServer.schemeCode(spec))
        .writeByte(spec.digest().ordinal())
        .writeBytes(toBeSigned)));
  }

  @Override
  public byte[] decrypt(ElementKey key, Digest oaepDigest, byte[] ciphertext) throws KeychainException {
    return bytes(call(new AgentProtocol.Writer(AgentProtocol.DECRYPT)
        .writeKey(key)
        .writeByte(oaepDigest.ordinal())
        .writeBytes(ciphertext)));
  }

  @Override
  public byte[] agree(ElementKey key, PublicKey peer) throws KeychainException {
    return bytes(call(new AgentProtocol.Writer(AgentProtocol.AGREE).writeKey(key).writeBytes(peer.getEncoded())));
  }

  @Override
  public void checkKey(ElementKey key) throws KeychainException {
    call(new AgentProtocol.Writer(AgentProtocol.CHECK_KEY).writeKey(key));
  }

  @Override
  public UsageCounter authenticateCounter(KeyBinding binding, int remaining) throws KeychainException {
    byte[] mac = bytes(call(new AgentProtocol.Writer(AgentProtocol.COUNTER).writeBinding(binding).writeInt(remaining)));
    return UsageCounter.of(remaining, mac);
  }

  @Override
  public byte[] sealSecret(KeyBinding binding, byte[] secret) throws KeychainException {
    return sealSecret(binding, secret, Accessibility.WHEN_UNLOCKED);
  }

  @Override
  public byte[] unsealSecret(KeyBinding binding, byte[] sealed) throws KeychainException {
    return unsealSecret(binding, sealed, Accessibility.WHEN_UNLOCKED);
  }

  @Override
  public byte[] sealSecret(KeyBinding binding, byte[] secret, Accessibility accessibility)
      throws KeychainException {
    return bytes(call(new AgentProtocol.Writer(AgentProtocol.SEAL)
        .writeBinding(binding)
        .writeBytes(secret)
        .writeByte(AuthorizationCodec.accessibilityCode(accessibility))));
  }

  @Override
  public byte[] unsealSecret(KeyBinding binding, byte[] sealed, Accessibility accessibility)
      throws KeychainException {
    return bytes(call(new AgentProtocol.Writer(AgentProtocol.UNSEAL)
        .writeBinding(binding)
        .writeBytes(sealed)
        .writeByte(AuthorizationCodec.accessibilityCode(accessibility))));
  }

  @Override
  public void destroyKey(KeyBinding binding, KeyReference reference) throws KeychainException {
    call(new AgentProtocol.Writer(AgentProtocol.DESTROY).writeBinding(binding).writeBytes(reference.bytes()));
  }

  @Override
  public void lock() throws KeychainException {
    call(new AgentProtocol.Writer(AgentProtocol.LOCK));
  }

  @Override
  public void unlock(byte[] passphrase) throws KeychainException {
    call(new AgentProtocol.Writer(AgentProtocol.UNLOCK).writeBytes(passphrase));
  }

  /**
   * Checks the passphrase against the agent's device key without changing its lock state.
   *
   * @throws dev.keychain4j.WrongPassphraseException if it is wrong
   */
  public void verifyPassphrase(byte[] passphrase) throws KeychainException {
    call(new AgentProtocol.Writer(AgentProtocol.VERIFY_PASSPHRASE).writeBytes(passphrase));
  }

  /** The agent's state as {@code STATUS} returns it. */
  public record Status(boolean locked, boolean wasUnlocked, long idleLockSeconds) {}

  public Status status() throws KeychainException {
    AgentProtocol.Reader in = call(new AgentProtocol.Writer(AgentProtocol.STATUS));
    try {
      return new Status(in.readByte() == 1, in.readByte() == 1, in.readLong());
    } catch (MalformedDataException e) {
      throw malformed(e);
    }
  }

  @Override
  public boolean isLocked() {
    try {
      return status().locked();
    } catch (KeychainException e) {
      // An agent that does not respond serves nothing, which is as good as locked.
      return true;
    }
  }

  @Override
  public long beginOperation(KeyBinding binding) throws KeychainException {
    AgentProtocol.Reader in = call(new AgentProtocol.Writer(AgentProtocol.BEGIN_OPERATION).writeBinding(binding));
    try {
      return in.readLong();
    } catch (MalformedDataException e) {
      throw malformed(e);
    }
  }

  @Override
  public AuthToken authenticate(AuthenticatorType type, long challenge, String reason) throws KeychainException {
    return token(bytes(call(new AgentProtocol.Writer(AgentProtocol.AUTHENTICATE)
        .writeByte(type.ordinal())
        .writeLong(challenge)
        .writeString(reason))));
  }

  @Override
  public byte[] createPasscodeRecord(char[] passcode) throws KeychainException {
    byte[] encoded = utf8(passcode);
    try {
      return bytes(call(new AgentProtocol.Writer(AgentProtocol.CREATE_PASSCODE).writeBytes(encoded)));
    } finally {
      Arrays.fill(encoded, (byte) 0);
    }
  }

  @Override
  public byte[] countPasscodeAttempt(byte[] record) throws KeychainException {
    return bytes(call(new AgentProtocol.Writer(AgentProtocol.COUNT_PASSCODE).writeBytes(record)));
  }

  @Override
  public PasscodeVerification verifyPasscode(byte[] countedRecord, char[] passcode, long challenge)
      throws KeychainException {
    byte[] encoded = utf8(passcode);
    AgentProtocol.Reader in;
    try {
      in = call(new AgentProtocol.Writer(AgentProtocol.VERIFY_PASSCODE)
          .writeBytes(countedRecord)
          .writeBytes(encoded)
          .writeLong(challenge));
    } finally {
      Arrays.fill(encoded, (byte) 0);
    }
    try {
      byte[] record = in.readBytes();
      AuthToken token = in.readByte() == 1 ? token(in.readBytes()) : null;
      return new PasscodeVerification(record, token);
    } catch (MalformedDataException e) {
      throw malformed(e);
    }
  }

  private static AuthToken token(byte[] encoded) throws KeychainException {
    try {
      return AuthToken.decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new KeychainException("The keychain agent returned an invalid token");
    }
  }

  private static byte[] bytes(AgentProtocol.Reader in) throws KeychainException {
    try {
      return in.readBytes();
    } catch (MalformedDataException e) {
      throw malformed(e);
    }
  }

  private static byte[] utf8(char[] chars) {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    if (encoded.hasArray()) {
      Arrays.fill(encoded.array(), (byte) 0);
    }
    return bytes;
  }

  /** Closes the connection; the agent keeps running. */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing left to release.
    }
  }

  @Override
  public String toString() {
    return "AgentElement{socket=" + socket + "}";
  }
}
