package dev.keychain4j.internal.agent;

import dev.keychain4j.Accessibility;
import dev.keychain4j.AuthenticationLockoutException;
import dev.keychain4j.CertificateMismatchException;
import dev.keychain4j.DuplicateItemException;
import dev.keychain4j.IncompatibleDigestException;
import dev.keychain4j.IncompatiblePaddingException;
import dev.keychain4j.IncompatiblePurposeException;
import dev.keychain4j.InteractionNotAllowedException;
import dev.keychain4j.ItemNotFoundException;
import dev.keychain4j.KeyCorruptedException;
import dev.keychain4j.KeyExpiredException;
import dev.keychain4j.KeyNotYetValidException;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.KeyPermanentlyInvalidatedException;
import dev.keychain4j.KeychainException;
import dev.keychain4j.UsageLimitExhaustedException;
import dev.keychain4j.UserNotAuthenticatedException;
import dev.keychain4j.WrongPassphraseException;
import dev.keychain4j.internal.AuthorizationCodec;
import dev.keychain4j.internal.MalformedDataException;
import dev.keychain4j.spi.AuthToken;
import dev.keychain4j.spi.ElementKey;
import dev.keychain4j.spi.KeyBinding;
import dev.keychain4j.spi.KeyReference;
import dev.keychain4j.spi.UsageCounter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's wire format. Each message is a 4-byte big-endian length and a body of at most
 * {@value #MAX_FRAME} bytes. A request body is an operation code and its fields; a response body
 * is 0 and the result, or 1 and an error (exception class name, message, and the tag and
 * accessibility of an {@code InteractionNotAllowedException} or the delay of a lockout). Byte
 * arrays are a 4-byte length and the bytes; strings are {@link DataOutputStream#writeUTF}.
 */
final class AgentProtocol {
  /** The name of the socket file in the keychain directory. */
  static final String SOCKET_NAME = "agent.sock";

  /** Bounds a message: a 1 MiB secret plus its framing fits. */
  static final int MAX_FRAME = (1 << 20) + 64 * 1024;

  static final int GENERATE = 1;
  static final int SIGN = 2;
  static final int DECRYPT = 3;
  static final int AGREE = 4;
  static final int CHECK_KEY = 5;
  static final int COUNTER = 6;
  static final int SEAL = 7;
  static final int UNSEAL = 8;
  static final int DESTROY = 9;
  static final int LOCK = 10;
  static final int UNLOCK = 11;
  static final int STATUS = 12;
  static final int BEGIN_OPERATION = 13;
  static final int AUTHENTICATE = 14;
  static final int CREATE_PASSCODE = 15;
  static final int COUNT_PASSCODE = 16;
  static final int VERIFY_PASSCODE = 17;
  static final int VERIFY_PASSPHRASE = 18;
  static final int SIGN_ATTESTATION = 19;

  static final int OK = 0;
  static final int ERROR = 1;

  private AgentProtocol() {}

  static Path socketPath(Path keychainDirectory) {
    return keychainDirectory.resolve(SOCKET_NAME);
  }

  static String operationName(int operation) {
    switch (operation) {
      case GENERATE: return "generate";
      case SIGN: return "sign";
      case DECRYPT: return "decrypt";
      case AGREE: return "agree";
      case CHECK_KEY: return "check-key";
      case COUNTER: return "authenticate-counter";
      case SEAL: return "seal-secret";
      case UNSEAL: return "unseal-secret";
      case DESTROY: return "destroy-key";
      case LOCK: return "lock";
      case UNLOCK: return "unlock";
      case STATUS: return "status";
      case BEGIN_OPERATION: return "begin-operation";
      case AUTHENTICATE: return "authenticate";
      case CREATE_PASSCODE: return "set-passcode";
      case COUNT_PASSCODE: return "count-passcode-attempt";
      case VERIFY_PASSCODE: return "verify-passcode";
      case VERIFY_PASSPHRASE: return "verify-passphrase";
      case SIGN_ATTESTATION: return "sign-attestation";
      default: return "unknown operation " + operation;
    }
  }

  // ---- Frames ----

  static void writeFrame(SocketChannel channel, byte[] body) throws IOException {
    ByteBuffer frame = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).flip();
    while (frame.hasRemaining()) {
      channel.write(frame);
    }
  }

  /** Reads one frame; throws EOFException when the peer closed the connection. */
  static byte[] readFrame(SocketChannel channel) throws IOException {
    ByteBuffer length = ByteBuffer.allocate(4);
    readFully(channel, length);
    int size = length.flip().getInt();
    if (size < 0 || size > MAX_FRAME) {
      throw new IOException("Invalid agent message length " + size);
    }
    ByteBuffer body = ByteBuffer.allocate(size);
    readFully(channel, body);
    return body.array();
  }

  private static void readFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        throw new EOFException("The agent connection was closed");
      }
    }
  }

  // ---- Fields ----

  /** A growing message body. */
  static final class Writer {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    private final DataOutputStream out = new DataOutputStream(bytes);

    Writer(int first) {
      writeByte(first);
    }

    Writer writeByte(int value) {
      try {
        out.writeByte(value);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return this;
    }

    Writer writeLong(long value) {
      try {
        out.writeLong(value);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return this;
    }

    Writer writeInt(int value) {
      try {
        out.writeInt(value);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return this;
    }

    Writer writeBytes(byte[] value) {
      try {
        out.writeInt(value.length);
        out.write(value);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return this;
    }

    Writer writeString(String value) {
      try {
        out.writeUTF(value);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return this;
    }

    Writer writeBinding(KeyBinding binding) {
      return writeString(binding.tag()).writeLong(binding.id());
    }

    Writer writeKey(ElementKey key) {
      writeBinding(key.binding());
      writeBytes(AuthorizationCodec.encode(key.authorizations()));
      writeBytes(key.reference().bytes());
      writeByte(key.counter().isPresent() ? 1 : 0);
      if (key.counter().isPresent()) {
        writeInt(key.counter().get().remaining());
        writeBytes(key.counter().get().authenticator());
      }
      writeInt(key.authTokens().size());
      for (AuthToken token : key.authTokens()) {
        writeBytes(token.encoded());
      }
      return this;
    }

    byte[] toByteArray() {
      return bytes.toByteArray();
    }
  }

  /** Reads fields from a message body; every malformed input becomes a MalformedDataException. */
  static final class Reader {
    private final DataInputStream in;

    Reader(byte[] body) {
      this.in = new DataInputStream(new ByteArrayInputStream(body));
    }

    int readByte() throws MalformedDataException {
      try {
        return in.readUnsignedByte();
      } catch (IOException e) {
        throw truncated();
      }
    }

    int readInt() throws MalformedDataException {
      try {
        return in.readInt();
      } catch (IOException e) {
        throw truncated();
      }
    }

    long readLong() throws MalformedDataException {
      try {
        return in.readLong();
      } catch (IOException e) {
        throw truncated();
      }
    }

    byte[] readBytes() throws MalformedDataException {
      int length = readInt();
      try {
        if (length < 0 || length > in.available()) {
          throw new MalformedDataException("byte array length " + length + " out of range");
        }
        byte[] value = new byte[length];
        in.readFully(value);
        return value;
      } catch (IOException e) {
        throw truncated();
      }
    }

    String readString() throws MalformedDataException {
      try {
        return in.readUTF();
      } catch (IOException e) {
        throw truncated();
      }
    }

    KeyBinding readBinding() throws MalformedDataException {
      return new KeyBinding(readString(), readLong());
    }

    ElementKey readKey() throws MalformedDataException {
      KeyBinding binding = readBinding();
      KeyParameters authorizations = AuthorizationCodec.decode(readBytes());
      byte[] reference = readBytes();
      UsageCounter counter = null;
      if (readByte() == 1) {
        int remaining = readInt();
        byte[] mac = readBytes();
        try {
          counter = UsageCounter.of(remaining, mac);
        } catch (IllegalArgumentException e) {
          throw new MalformedDataException("invalid usage counter");
        }
      }
      int count = readInt();
      if (count < 0 || count > 8) {
        throw new MalformedDataException("token count " + count + " out of range");
      }
      List<AuthToken> tokens = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        try {
          tokens.add(AuthToken.decode(readBytes()));
        } catch (IllegalArgumentException e) {
          throw new MalformedDataException("invalid authentication token");
        }
      }
      try {
        return new ElementKey(binding, authorizations, KeyReference.of(reference), counter)
            .withAuthTokens(tokens);
      } catch (IllegalArgumentException e) {
        throw new MalformedDataException("invalid key reference");
      }
    }

    void end() throws MalformedDataException {
      try {
        if (in.available() != 0) {
          throw new MalformedDataException("trailing bytes in an agent message");
        }
      } catch (IOException e) {
        throw truncated();
      }
    }

    private static MalformedDataException truncated() {
      return new MalformedDataException("truncated agent message");
    }
  }

  // ---- Errors ----

  static byte[] error(KeychainException e) {
    Writer writer = new Writer(ERROR);
    writer.writeString(e.getClass().getSimpleName());
    writer.writeString(String.valueOf(e.getMessage()));
    if (e instanceof InteractionNotAllowedException) {
      InteractionNotAllowedException refusal = (InteractionNotAllowedException) e;
      writer.writeString(refusal.tag()).writeString(refusal.accessibility().name());
    }
    if (e instanceof AuthenticationLockoutException) {
      writer.writeLong(((AuthenticationLockoutException) e).retryAfter().toMillis());
    }
    return writer.toByteArray();
  }

  static byte[] error(IllegalArgumentException e) {
    return new Writer(ERROR)
        .writeString("IllegalArgumentException")
        .writeString(String.valueOf(e.getMessage()))
        .toByteArray();
  }

  /** Rebuilds the exception an agent sent, of the same type where the type is known. */
  static Exception readError(Reader reader) throws MalformedDataException {
    String type = reader.readString();
    String message = reader.readString();
    switch (type) {
      case "IllegalArgumentException":
        return new IllegalArgumentException(message);
      case "InteractionNotAllowedException":
        String tag = reader.readString();
        Accessibility accessibility;
        try {
          accessibility = Accessibility.valueOf(reader.readString());
        } catch (IllegalArgumentException e) {
          throw new MalformedDataException("unknown accessibility");
        }
        return new InteractionNotAllowedException(tag, accessibility, message);
      case "AuthenticationLockoutException":
        return new AuthenticationLockoutException(message, Duration.ofMillis(reader.readLong()));
      case "UserNotAuthenticatedException":
        return new UserNotAuthenticatedException(message);
      case "KeyPermanentlyInvalidatedException":
        return new KeyPermanentlyInvalidatedException(message);
      case "KeyCorruptedException":
        return new KeyCorruptedException(message);
      case "WrongPassphraseException":
        return new WrongPassphraseException(message);
      case "IncompatiblePurposeException":
        return new IncompatiblePurposeException(message);
      case "IncompatibleDigestException":
        return new IncompatibleDigestException(message);
      case "IncompatiblePaddingException":
        return new IncompatiblePaddingException(message);
      case "KeyExpiredException":
        return new KeyExpiredException(message);
      case "KeyNotYetValidException":
        return new KeyNotYetValidException(message);
      case "UsageLimitExhaustedException":
        return new UsageLimitExhaustedException(message);
      case "ItemNotFoundException":
        return new ItemNotFoundException(message);
      case "DuplicateItemException":
        return new DuplicateItemException(message);
      case "CertificateMismatchException":
        return new CertificateMismatchException(message);
      default:
        return new KeychainException(message);
    }
  }
}
