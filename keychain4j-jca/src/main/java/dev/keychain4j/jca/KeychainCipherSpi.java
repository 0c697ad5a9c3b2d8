package dev.keychain4j.jca;

import dev.keychain4j.Digest;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeychainException;
import java.io.ByteArrayOutputStream;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.InvalidParameterSpecException;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.CipherSpi;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.jspecify.annotations.Nullable;

/**
 * RSA-OAEP decryption with a keychain key, inside the secure element. The keychain uses MGF1 with
 * the OAEP digest and an empty label, so {@code OAEPWithSHA-256AndMGF1Padding} here means MGF1
 * with SHA-256, as in BouncyCastle (SunJCE's default for that name is MGF1 with SHA-1, which the
 * keychain does not offer). Encryption needs only the public key, so use any provider for it.
 */
final class KeychainCipherSpi extends CipherSpi {
  private final @Nullable Digest fixedDigest;
  private @Nullable Digest digest;
  private @Nullable KeychainPrivateKey key;
  private final ByteArrayOutputStream input = new ByteArrayOutputStream();

  /** Creates the engine for one OAEP digest, or for {@code OAEPPadding} when it is null. */
  KeychainCipherSpi(@Nullable Digest fixedDigest) {
    this.fixedDigest = fixedDigest;
  }

  @Override
  protected void engineSetMode(String mode) throws NoSuchAlgorithmException {
    if (!mode.equalsIgnoreCase("ECB") && !mode.equalsIgnoreCase("NONE")) {
      throw new NoSuchAlgorithmException("Unsupported RSA mode " + mode + ": use ECB");
    }
  }

  @Override
  protected void engineSetPadding(String padding) throws NoSuchPaddingException {
    String upper = padding.toUpperCase(Locale.ROOT);
    if (!upper.startsWith("OAEP")) {
      throw new NoSuchPaddingException("Unsupported RSA padding " + padding + ": use OAEP");
    }
  }

  @Override
  protected int engineGetBlockSize() {
    return 0;
  }

  @Override
  protected int engineGetOutputSize(int inputLen) {
    KeychainPrivateKey current = key;
    return current == null ? inputLen : ((KeychainRsaPrivateKey) current).getModulus().bitLength() / 8;
  }

  @Override
  protected byte @Nullable [] engineGetIV() {
    return null;
  }

  @Override
  protected @Nullable AlgorithmParameters engineGetParameters() {
    Digest current = digest != null ? digest : fixedDigest;
    if (current == null) {
      return null;
    }
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("OAEP");
      parameters.init(oaepSpec(current));
      return parameters;
    } catch (NoSuchAlgorithmException | InvalidParameterSpecException e) {
      throw new IllegalStateException("The JDK has no OAEP parameters", e);
    }
  }

  private static OAEPParameterSpec oaepSpec(Digest digest) {
    return new OAEPParameterSpec(
        digest.jcaName(), "MGF1", new MGF1ParameterSpec(digest.jcaName()), PSource.PSpecified.DEFAULT);
  }

  @Override
  protected void engineInit(int opmode, Key key, SecureRandom random) throws InvalidKeyException {
    try {
      engineInit(opmode, key, (AlgorithmParameterSpec) null, random);
    } catch (InvalidAlgorithmParameterException e) {
      throw new InvalidKeyException(e.getMessage(), e);
    }
  }

  @Override
  protected void engineInit(
      int opmode, Key key, @Nullable AlgorithmParameterSpec params, SecureRandom random)
      throws InvalidKeyException, InvalidAlgorithmParameterException {
    if (opmode != Cipher.DECRYPT_MODE) {
      throw new InvalidKeyException(
          "The Keychain4j Cipher only decrypts with keychain keys: encrypt with the public key and"
              + " any other provider");
    }
    KeychainPrivateKey handle = KeyChecks.requireHandle(key, KeyAlgorithm.Family.RSA, "Cipher RSA-OAEP");
    Digest chosen = params == null ? fixedDigest : digestOf(params);
    if (chosen == null) {
      throw new InvalidAlgorithmParameterException(
          "Missing OAEP parameters for RSA/ECB/OAEPPadding: give an OAEPParameterSpec, or use"
              + " RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
    }
    this.key = handle;
    this.digest = chosen;
    input.reset();
  }

  private Digest digestOf(AlgorithmParameterSpec params) throws InvalidAlgorithmParameterException {
    if (!(params instanceof OAEPParameterSpec)) {
      throw new InvalidAlgorithmParameterException(
          "RSA-OAEP needs an OAEPParameterSpec, not " + params.getClass().getName());
    }
    OAEPParameterSpec oaep = (OAEPParameterSpec) params;
    for (Digest candidate : Digest.values()) {
      boolean matches =
          candidate != Digest.NONE
              && (fixedDigest == null || fixedDigest == candidate)
              && candidate.jcaName().equalsIgnoreCase(oaep.getDigestAlgorithm())
              && "MGF1".equalsIgnoreCase(oaep.getMGFAlgorithm())
              && oaep.getMGFParameters() instanceof MGF1ParameterSpec
              && candidate.jcaName().equalsIgnoreCase(((MGF1ParameterSpec) oaep.getMGFParameters()).getDigestAlgorithm())
              && oaep.getPSource() instanceof PSource.PSpecified
              && ((PSource.PSpecified) oaep.getPSource()).getValue().length == 0;
      if (matches) {
        return candidate;
      }
    }
    throw new InvalidAlgorithmParameterException(
        "Unsupported OAEP parameters " + oaep.getDigestAlgorithm() + "/" + oaep.getMGFAlgorithm()
            + ": the keychain decrypts with SHA-256, SHA-384 or SHA-512, MGF1 over the same digest"
            + " and an empty label");
  }

  @Override
  protected void engineInit(int opmode, Key key, @Nullable AlgorithmParameters params, SecureRandom random)
      throws InvalidKeyException, InvalidAlgorithmParameterException {
    AlgorithmParameterSpec spec = null;
    if (params != null) {
      try {
        spec = params.getParameterSpec(OAEPParameterSpec.class);
      } catch (InvalidParameterSpecException e) {
        throw new InvalidAlgorithmParameterException("The parameters are not OAEP parameters", e);
      }
    }
    engineInit(opmode, key, spec, random);
  }

  @Override
  protected byte[] engineUpdate(byte[] bytes, int offset, int length) {
    input.write(bytes, offset, length);
    return new byte[0];
  }

  @Override
  protected int engineUpdate(byte[] bytes, int offset, int length, byte[] output, int outputOffset) {
    input.write(bytes, offset, length);
    return 0;
  }

  @Override
  protected byte[] engineDoFinal(byte[] bytes, int offset, int length)
      throws IllegalBlockSizeException, BadPaddingException {
    KeychainPrivateKey handle = key;
    Digest current = digest;
    if (handle == null || current == null) {
      throw new IllegalStateException("RSA-OAEP is not initialized: call init with a keychain key");
    }
    if (bytes != null) {
      input.write(bytes, offset, length);
    }
    byte[] ciphertext = input.toByteArray();
    input.reset();
    try {
      return handle.keychain().decrypt(handle.tag(), current, ciphertext);
    } catch (KeychainException e) {
      // The keychain gives no reason for a failed decryption, to avoid a padding oracle.
      BadPaddingException failure = new BadPaddingException(e.getMessage());
      failure.initCause(e);
      throw failure;
    }
  }

  @Override
  protected int engineDoFinal(byte[] bytes, int offset, int length, byte[] output, int outputOffset)
      throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
    byte[] plaintext = engineDoFinal(bytes, offset, length);
    try {
      if (output.length - outputOffset < plaintext.length) {
        throw new ShortBufferException(
            "The output buffer has " + (output.length - outputOffset) + " bytes after the offset,"
                + " but the plaintext needs " + plaintext.length);
      }
      System.arraycopy(plaintext, 0, output, outputOffset, plaintext.length);
      return plaintext.length;
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }
}
