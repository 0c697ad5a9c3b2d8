package dev.keychain4j.pkcs11;

import dev.keychain4j.Digest;
import dev.keychain4j.KeychainException;
import dev.keychain4j.spi.ElementKey;
import org.bouncycastle.crypto.AsymmetricBlockCipher;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.encodings.OAEPEncoding;

/**
 * RSA-OAEP decryption for tokens whose OAEP mechanism lacks the digest: the private-key operation
 * (raw RSA, {@code CKM_RSA_X_509}) runs on the token, BouncyCastle's OAEP decoding in the library.
 * A failure gives no reason, so it cannot serve as a padding oracle.
 */
final class RawRsaOaep {
  private RawRsaOaep() {}

  static byte[] decrypt(Token.Session session, long handle, ElementKey key, Digest digest, byte[] ciphertext, Token token)
      throws KeychainException {
    if (!token.supports(Ck.CKM_RSA_X_509)) {
      throw new UnsupportedAlgorithmException(
          "Token '" + token.label() + "' offers RSA-OAEP only with other digests than "
              + digest.cliName() + " and no raw RSA: use another OAEP digest or token");
    }
    int modulusBytes = (key.authorizations().algorithm() == dev.keychain4j.KeyAlgorithm.RSA_4096) ? 512
        : key.authorizations().algorithm() == dev.keychain4j.KeyAlgorithm.RSA_3072 ? 384 : 256;
    KeychainException[] failure = new KeychainException[1];
    AsymmetricBlockCipher raw =
        new AsymmetricBlockCipher() {
          @Override
          public void init(boolean forEncryption, CipherParameters parameters) {}

          @Override
          public int getInputBlockSize() {
            return modulusBytes;
          }

          /** Like BouncyCastle's RSA engine: the OAEP block without its leading zero byte. */
          @Override
          public int getOutputBlockSize() {
            return modulusBytes - 1;
          }

          @Override
          public byte[] processBlock(byte[] in, int offset, int length) throws InvalidCipherTextException {
            byte[] block = java.util.Arrays.copyOfRange(in, offset, offset + length);
            try {
              byte[] out = session.decrypt(Token.mechanism(Ck.CKM_RSA_X_509, null, 0), handle, block);
              if (out.length == modulusBytes && out[0] == 0) {
                return java.util.Arrays.copyOfRange(out, 1, out.length);
              }
              return out;
            } catch (KeychainException e) {
              failure[0] = e;
              throw new InvalidCipherTextException("raw RSA failed");
            }
          }
        };
    OAEPEncoding oaep = new OAEPEncoding(raw, digest(digest), digest(digest), new byte[0]);
    oaep.init(false, null);
    try {
      return oaep.processBlock(ciphertext, 0, ciphertext.length);
    } catch (InvalidCipherTextException | RuntimeException e) {
      if (failure[0] instanceof Pkcs11Exception
          && ((Pkcs11Exception) failure[0]).result() == Ck.CKR_KEY_FUNCTION_NOT_PERMITTED) {
        throw failure[0];
      }
      throw new KeychainException("The ciphertext does not decrypt with key '" + key.binding().tag() + "'");
    }
  }

  private static org.bouncycastle.crypto.Digest digest(Digest digest) {
    switch (digest) {
      case SHA384:
        return new SHA384Digest();
      case SHA512:
        return new SHA512Digest();
      default:
        return new SHA256Digest();
    }
  }
}
