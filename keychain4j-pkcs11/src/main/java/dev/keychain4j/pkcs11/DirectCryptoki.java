package dev.keychain4j.pkcs11;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import org.jspecify.annotations.Nullable;

/**
 * The signing calls through JNA's direct mapping, which costs a fraction of the interface mapping
 * per call: signing is the hot path. A class binds to one library, so only the first module loaded
 * in the process gets it; others use {@link Cryptoki}. Needs a 64-bit {@code CK_ULONG}, so that
 * a {@code long[]} can carry the output length.
 */
final class DirectCryptoki {
  private static @Nullable String library;

  private DirectCryptoki() {}

  /** Binds to {@code path} if nothing is bound yet; returns whether calls may use this class. */
  static synchronized boolean bind(String path) {
    if (library != null) {
      return library.equals(path);
    }
    if (Native.LONG_SIZE != 8) {
      return false;
    }
    try {
      Native.register(DirectCryptoki.class, NativeLibrary.getInstance(path));
    } catch (UnsatisfiedLinkError | IllegalArgumentException e) {
      return false;
    }
    library = path;
    return true;
  }

  static native NativeLong C_SignInit(NativeLong session, Pointer mechanism, NativeLong key);

  static native NativeLong C_Sign(NativeLong session, byte[] data, NativeLong length, byte[] signature, long[] signatureLength);
}
