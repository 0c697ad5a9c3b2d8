package dev.keychain4j.pkcs11;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import dev.keychain4j.KeychainException;
import dev.keychain4j.WrongPassphraseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * One token of a PKCS#11 module, found by label, with a pool of read-write sessions. A session
 * runs one operation at a time, so each caller takes a session from the pool and gives it back.
 * The user is logged in once: PKCS#11 login state is shared by all sessions of the application.
 */
final class Token implements AutoCloseable {
  private static final ConcurrentMap<String, Cryptoki> MODULES = new ConcurrentHashMap<>();
  private static final int LONG = Native.LONG_SIZE;
  private static final int POINTER = Native.POINTER_SIZE;
  /** Room for the largest signature or MAC (RSA-4096: 512 bytes). */
  private static final int SIGNATURE_CAPACITY = 1024;

  private final Cryptoki cryptoki;
  private final boolean direct;
  private final String library;
  private final String label;
  private final NativeLong slot;
  private final boolean hardwareSlot;
  private final Set<Long> mechanisms;
  private final ConcurrentLinkedDeque<NativeLong> idle = new ConcurrentLinkedDeque<>();
  private final NativeLong loginSession;
  private volatile boolean closed;

  private Token(Cryptoki cryptoki, String library, String label, NativeLong slot, boolean hardwareSlot,
      Set<Long> mechanisms, NativeLong loginSession) {
    this.cryptoki = cryptoki;
    this.direct = DirectCryptoki.bind(library);
    this.library = library;
    this.label = label;
    this.slot = slot;
    this.hardwareSlot = hardwareSlot;
    this.mechanisms = mechanisms;
    this.loginSession = loginSession;
  }

  /** Loads the module, finds the token by label, opens a session and logs the user in. */
  static Token open(String library, String label, char[] pin) throws KeychainException {
    Cryptoki cryptoki = load(library);
    NativeLong slot = findSlot(cryptoki, library, label);

    Memory slotInfo = new Memory(256);
    slotInfo.clear();
    check(cryptoki.C_GetSlotInfo(slot, slotInfo), "C_GetSlotInfo");
    long slotFlags = slotInfo.getNativeLong(96).longValue();

    NativeLongByReference count = new NativeLongByReference();
    check(cryptoki.C_GetMechanismList(slot, Pointer.NULL, count), "C_GetMechanismList");
    int n = count.getValue().intValue();
    Set<Long> mechanisms = new HashSet<>();
    if (n > 0) {
      Memory list = new Memory((long) n * LONG);
      check(cryptoki.C_GetMechanismList(slot, list, count), "C_GetMechanismList");
      for (int i = 0; i < count.getValue().intValue(); i++) {
        mechanisms.add(list.getNativeLong((long) i * LONG).longValue());
      }
    }

    NativeLong session = openSession(cryptoki, slot);
    byte[] pinBytes = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(pin)).array();
    int pinLength = utf8Length(pin);
    try {
      long rv = cryptoki.C_Login(session, new NativeLong(Ck.CKU_USER), pinBytes, new NativeLong(pinLength)).longValue();
      if (rv == Ck.CKR_PIN_INCORRECT || rv == Ck.CKR_PIN_LEN_RANGE) {
        cryptoki.C_CloseSession(session);
        throw new WrongPassphraseException(
            "Wrong user PIN for token '" + label + "': C_Login returned " + Ck.resultName(rv));
      }
      if (rv == Ck.CKR_PIN_LOCKED) {
        cryptoki.C_CloseSession(session);
        throw new WrongPassphraseException(
            "The user PIN of token '" + label + "' is locked: unlock it with the security officer PIN");
      }
      if (rv != Ck.CKR_OK && rv != Ck.CKR_USER_ALREADY_LOGGED_IN) {
        cryptoki.C_CloseSession(session);
        throw failure("C_Login", rv);
      }
    } finally {
      Arrays.fill(pinBytes, (byte) 0);
    }
    return new Token(cryptoki, library, label, slot, (slotFlags & Ck.CKF_HW_SLOT) != 0, mechanisms, session);
  }

  private static int utf8Length(char[] pin) {
    return StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(pin)).remaining();
  }

  private static Cryptoki load(String library) throws KeychainException {
    Cryptoki cryptoki = MODULES.get(library);
    if (cryptoki != null) {
      return cryptoki;
    }
    synchronized (MODULES) {
      cryptoki = MODULES.get(library);
      if (cryptoki != null) {
        return cryptoki;
      }
      try {
        cryptoki = Native.load(library, Cryptoki.class);
      } catch (UnsatisfiedLinkError e) {
        throw new KeychainException(
            "Cannot load the PKCS#11 module " + library + " (" + e.getMessage() + "): give the"
                + " path of the module's shared library, such as /usr/lib/softhsm/libsofthsm2.so");
      }
      // Let the module use the operating system's locks: the element calls it from many threads.
      Memory args = new Memory(4L * POINTER + LONG + POINTER);
      args.clear();
      args.setNativeLong(4L * POINTER, new NativeLong(Ck.CKF_OS_LOCKING_OK));
      long rv = cryptoki.C_Initialize(args).longValue();
      if (rv != Ck.CKR_OK && rv != Ck.CKR_CRYPTOKI_ALREADY_INITIALIZED) {
        throw failure("C_Initialize of " + library, rv);
      }
      MODULES.put(library, cryptoki);
      return cryptoki;
    }
  }

  private static NativeLong findSlot(Cryptoki cryptoki, String library, String label) throws KeychainException {
    NativeLongByReference count = new NativeLongByReference();
    check(cryptoki.C_GetSlotList((byte) 1, Pointer.NULL, count), "C_GetSlotList");
    int n = count.getValue().intValue();
    List<String> labels = new ArrayList<>();
    if (n > 0) {
      Memory slots = new Memory((long) n * LONG);
      check(cryptoki.C_GetSlotList((byte) 1, slots, count), "C_GetSlotList");
      Memory info = new Memory(512);
      for (int i = 0; i < count.getValue().intValue(); i++) {
        NativeLong slot = slots.getNativeLong((long) i * LONG);
        info.clear();
        if (cryptoki.C_GetTokenInfo(slot, info).longValue() != Ck.CKR_OK) {
          continue;
        }
        long flags = info.getNativeLong(96).longValue();
        if ((flags & Ck.CKF_TOKEN_INITIALIZED) == 0) {
          continue;
        }
        String tokenLabel = new String(info.getByteArray(0, 32), StandardCharsets.UTF_8).stripTrailing();
        if (tokenLabel.equals(label)) {
          return slot;
        }
        labels.add(tokenLabel);
      }
    }
    throw new KeychainException(
        "No initialized token labelled '" + label + "' in PKCS#11 module " + library
            + (labels.isEmpty() ? ": the module shows no initialized token" : ": it has " + labels)
            + ". Check the label, or initialize the token first");
  }

  private static NativeLong openSession(Cryptoki cryptoki, NativeLong slot) throws KeychainException {
    NativeLongByReference session = new NativeLongByReference();
    check(
        cryptoki.C_OpenSession(
            slot, new NativeLong(Ck.CKF_SERIAL_SESSION | Ck.CKF_RW_SESSION), Pointer.NULL, Pointer.NULL, session),
        "C_OpenSession");
    return session.getValue();
  }

  String label() {
    return label;
  }

  String library() {
    return library;
  }

  boolean hardwareSlot() {
    return hardwareSlot;
  }

  boolean supports(long mechanism) {
    return mechanisms.contains(mechanism);
  }

  /** Runs {@code work} with a session of the pool. */
  <T> T withSession(SessionWork<T> work) throws KeychainException {
    if (closed) {
      throw new IllegalStateException("The PKCS#11 token '" + label + "' was closed: open the keychain again");
    }
    NativeLong session = idle.pollFirst();
    if (session == null) {
      session = openSession(cryptoki, slot);
    }
    try {
      return work.run(new Session(session));
    } finally {
      if (closed) {
        cryptoki.C_CloseSession(session);
      } else {
        idle.addFirst(session);
      }
    }
  }

  @FunctionalInterface
  interface SessionWork<T> {
    T run(Session session) throws KeychainException;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    NativeLong session;
    while ((session = idle.pollFirst()) != null) {
      cryptoki.C_CloseSession(session);
    }
    // Closing the last session logs the user out; the module stays initialized for other users.
    cryptoki.C_CloseSession(loginSession);
  }

  /** Decodes a CK_ULONG attribute value (native byte order and width); -1 if malformed. */
  static long ulong(byte[] value) {
    if (value.length != LONG) {
      return -1;
    }
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(value).order(java.nio.ByteOrder.nativeOrder());
    return LONG == 8 ? buffer.getLong() : buffer.getInt() & 0xFFFFFFFFL;
  }

  static void check(NativeLong rv, String function) throws Pkcs11Exception {
    long value = rv.longValue();
    if (value != Ck.CKR_OK) {
      throw failure(function, value);
    }
  }

  static Pkcs11Exception failure(String function, long rv) {
    return new Pkcs11Exception(function + " failed with " + Ck.resultName(rv), rv);
  }

  /** An attribute template: the attribute array and the native buffers it points to. */
  static final class Template {
    private final List<long[]> types = new ArrayList<>();
    private final List<byte[]> values = new ArrayList<>();

    Template bool(long type, boolean value) {
      return bytes(type, new byte[] {(byte) (value ? 1 : 0)});
    }

    Template ulong(long type, long value) {
      Memory memory = new Memory(LONG);
      memory.setNativeLong(0, new NativeLong(value));
      return bytes(type, memory.getByteArray(0, LONG));
    }

    Template bytes(long type, byte[] value) {
      types.add(new long[] {type});
      values.add(value.clone());
      return this;
    }

    int size() {
      return types.size();
    }

    /** Returns the native CK_ATTRIBUTE array. The value buffers go into {@code keep}, which the caller keeps reachable until the call returns. */
    Memory toNative(List<Memory> keep) {
      Memory array = new Memory((long) Math.max(1, types.size()) * (2L * LONG + POINTER));
      for (int i = 0; i < types.size(); i++) {
        long offset = (long) i * (2L * LONG + POINTER);
        byte[] value = values.get(i);
        Memory buffer = new Memory(Math.max(1, value.length));
        buffer.write(0, value, 0, value.length);
        keep.add(buffer);
        array.setNativeLong(offset, new NativeLong(types.get(i)[0]));
        array.setPointer(offset + LONG, buffer);
        array.setNativeLong(offset + LONG + POINTER, new NativeLong(value.length));
      }
      return array;
    }
  }

  /** Builds a native CK_MECHANISM with optional parameter bytes. */
  static Memory mechanism(long type, @Nullable Memory parameter, long parameterLength) {
    Memory memory = new Memory(2L * LONG + POINTER);
    memory.setNativeLong(0, new NativeLong(type));
    memory.setPointer(LONG, parameter);
    memory.setNativeLong(LONG + POINTER, new NativeLong(parameter == null ? 0 : parameterLength));
    return memory;
  }

  /** One open session; valid only inside {@link #withSession}. */
  final class Session {
    private final NativeLong handle;

    private Session(NativeLong handle) {
      this.handle = handle;
    }

    long[] generateKeyPair(Memory mechanism, Template publicTemplate, Template privateTemplate)
        throws KeychainException {
      List<Memory> keep = new ArrayList<>();
      NativeLongByReference publicKey = new NativeLongByReference();
      NativeLongByReference privateKey = new NativeLongByReference();
      check(
          cryptoki.C_GenerateKeyPair(
              handle,
              mechanism,
              publicTemplate.toNative(keep),
              new NativeLong(publicTemplate.size()),
              privateTemplate.toNative(keep),
              new NativeLong(privateTemplate.size()),
              publicKey,
              privateKey),
          "C_GenerateKeyPair");
      return new long[] {publicKey.getValue().longValue(), privateKey.getValue().longValue()};
    }

    long generateKey(Memory mechanism, Template template) throws KeychainException {
      List<Memory> keep = new ArrayList<>();
      NativeLongByReference key = new NativeLongByReference();
      check(
          cryptoki.C_GenerateKey(handle, mechanism, template.toNative(keep), new NativeLong(template.size()), key),
          "C_GenerateKey");
      return key.getValue().longValue();
    }

    long deriveKey(Memory mechanism, long baseKey, Template template) throws KeychainException {
      List<Memory> keep = new ArrayList<>();
      NativeLongByReference key = new NativeLongByReference();
      check(
          cryptoki.C_DeriveKey(
              handle, mechanism, new NativeLong(baseKey), template.toNative(keep), new NativeLong(template.size()), key),
          "C_DeriveKey");
      return key.getValue().longValue();
    }

    List<Long> find(Template template) throws KeychainException {
      List<Memory> keep = new ArrayList<>();
      check(cryptoki.C_FindObjectsInit(handle, template.toNative(keep), new NativeLong(template.size())), "C_FindObjectsInit");
      List<Long> found = new ArrayList<>();
      try {
        Memory objects = new Memory(64L * LONG);
        NativeLongByReference count = new NativeLongByReference();
        while (true) {
          check(cryptoki.C_FindObjects(handle, objects, new NativeLong(64), count), "C_FindObjects");
          int n = count.getValue().intValue();
          for (int i = 0; i < n; i++) {
            found.add(objects.getNativeLong((long) i * LONG).longValue());
          }
          if (n < 64) {
            return found;
          }
        }
      } finally {
        cryptoki.C_FindObjectsFinal(handle);
      }
    }

    /** Reads an attribute; empty when the token does not have it for this object. */
    Optional<byte[]> attribute(long object, long type) throws KeychainException {
      Memory template = new Memory(2L * LONG + POINTER);
      template.setNativeLong(0, new NativeLong(type));
      template.setPointer(LONG, Pointer.NULL);
      template.setNativeLong(LONG + POINTER, new NativeLong(0));
      long rv = cryptoki.C_GetAttributeValue(handle, new NativeLong(object), template, new NativeLong(1)).longValue();
      if (rv == Ck.CKR_ATTRIBUTE_TYPE_INVALID || rv == Ck.CKR_ATTRIBUTE_SENSITIVE) {
        return Optional.empty();
      }
      check(new NativeLong(rv), "C_GetAttributeValue(" + Ck.attributeName(type) + ")");
      long length = template.getNativeLong(LONG + POINTER).longValue();
      if (length < 0 || length > (1 << 20)) {
        return Optional.empty();
      }
      Memory value = new Memory(Math.max(1, length));
      template.setPointer(LONG, value);
      check(
          cryptoki.C_GetAttributeValue(handle, new NativeLong(object), template, new NativeLong(1)),
          "C_GetAttributeValue(" + Ck.attributeName(type) + ")");
      length = template.getNativeLong(LONG + POINTER).longValue();
      return Optional.of(value.getByteArray(0, (int) length));
    }

    /** Reads an attribute the element cannot work without, naming it when the token lacks it. */
    byte[] requiredAttribute(long object, long type) throws KeychainException {
      return attribute(object, type)
          .orElseThrow(
              () -> new KeychainException(
                  "Token '" + label + "' does not return the required attribute "
                      + Ck.attributeName(type) + " of object " + object
                      + ": this token cannot be used with keychain4j"));
    }

    /** Reads a CK_BBOOL attribute; empty when the token does not have it. */
    Optional<Boolean> bool(long object, long type) throws KeychainException {
      return attribute(object, type).map(value -> value.length > 0 && value[0] != 0);
    }

    void destroy(long object) throws KeychainException {
      check(cryptoki.C_DestroyObject(handle, new NativeLong(object)), "C_DestroyObject");
    }

    byte[] sign(Memory mechanism, long key, byte[] data) throws KeychainException {
      if (direct) {
        check(DirectCryptoki.C_SignInit(handle, mechanism, new NativeLong(key)), "C_SignInit");
        byte[] out = new byte[SIGNATURE_CAPACITY];
        long[] length = {SIGNATURE_CAPACITY};
        check(DirectCryptoki.C_Sign(handle, data, new NativeLong(data.length), out, length), "C_Sign");
        return Arrays.copyOf(out, (int) length[0]);
      }
      check(cryptoki.C_SignInit(handle, mechanism, new NativeLong(key)), "C_SignInit");
      NativeLongByReference length = new NativeLongByReference(new NativeLong(1024));
      Memory out = new Memory(1024);
      check(cryptoki.C_Sign(handle, data, new NativeLong(data.length), out, length), "C_Sign");
      return out.getByteArray(0, length.getValue().intValue());
    }

    byte[] encrypt(Memory mechanism, long key, byte[] data) throws KeychainException {
      check(cryptoki.C_EncryptInit(handle, mechanism, new NativeLong(key)), "C_EncryptInit");
      int capacity = data.length + 64;
      NativeLongByReference length = new NativeLongByReference(new NativeLong(capacity));
      Memory out = new Memory(capacity);
      check(cryptoki.C_Encrypt(handle, data, new NativeLong(data.length), out, length), "C_Encrypt");
      return out.getByteArray(0, length.getValue().intValue());
    }

    /**
     * Starts a decryption; returns false when the token refuses the mechanism's parameters, so
     * the caller can fall back before any ciphertext was processed.
     */
    boolean decryptInit(Memory mechanism, long key) throws KeychainException {
      long rv = cryptoki.C_DecryptInit(handle, mechanism, new NativeLong(key)).longValue();
      if (rv == Ck.CKR_ARGUMENTS_BAD || rv == Ck.CKR_MECHANISM_PARAM_INVALID) {
        return false;
      }
      check(new NativeLong(rv), "C_DecryptInit");
      return true;
    }

    byte[] decrypt(Memory mechanism, long key, byte[] data) throws KeychainException {
      check(cryptoki.C_DecryptInit(handle, mechanism, new NativeLong(key)), "C_DecryptInit");
      return decryptRest(data);
    }

    /** Finishes a decryption started with {@link #decryptInit}. */
    byte[] decryptRest(byte[] data) throws KeychainException {
      int capacity = Math.max(data.length, 16) + 64;
      NativeLongByReference length = new NativeLongByReference(new NativeLong(capacity));
      Memory out = new Memory(capacity);
      try {
        check(cryptoki.C_Decrypt(handle, data, new NativeLong(data.length), out, length), "C_Decrypt");
        return out.getByteArray(0, length.getValue().intValue());
      } finally {
        out.clear();
      }
    }
  }
}
