package dev.keychain4j.pkcs11;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import dev.keychain4j.AuthorizationTag;
import dev.keychain4j.Digest;
import dev.keychain4j.IncompatiblePurposeException;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyCorruptedException;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.KeychainException;
import dev.keychain4j.Padding;
import dev.keychain4j.Purpose;
import dev.keychain4j.SecurityLevel;
import dev.keychain4j.SignatureSpec;
import dev.keychain4j.UnmanagedObject;
import dev.keychain4j.UsageLimitExhaustedException;
import dev.keychain4j.spi.ElementKey;
import dev.keychain4j.spi.GeneratedKey;
import dev.keychain4j.spi.KeyAdoption;
import dev.keychain4j.spi.KeyBinding;
import dev.keychain4j.spi.KeyReference;
import dev.keychain4j.spi.SecureElement;
import dev.keychain4j.spi.UsageCounter;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * A secure element on a PKCS#11 token. Private keys are generated on the token as token objects
 * that are private, sensitive and never extractable; every private-key operation runs on the
 * token. Two secret keys on the token, made when the keychain is created, seal generic secrets
 * (AES-256-CBC-PAD, then HMAC-SHA256) and authenticate what the keychain stores about each key
 * (HMAC-SHA256 over the tag, item id, token object id and all authorizations). The keychain stores
 * the token object id with that authenticator as the key reference.
 *
 * <p>The token enforces the key's purposes through {@code CKA_SIGN}, {@code CKA_DECRYPT} and {@code
 * CKA_DERIVE}; the library enforces the other authorizations, including usage limits, whose
 * counter this element authenticates.
 */
public final class Pkcs11Element implements SecureElement, KeyAdoption {
  public static final String NAME = "pkcs11";

  private static final byte REFERENCE_VERSION = 1;
  private static final int OBJECT_ID_LENGTH = 16;
  private static final int MAC_LENGTH = 32;
  private static final int IV_LENGTH = 16;
  private static final Set<AuthorizationTag> TOKEN_ENFORCED = Set.of(AuthorizationTag.PURPOSE);
  private static final int LONG = Native.LONG_SIZE;
  private static final int POINTER = Native.POINTER_SIZE;

  private static final ASN1ObjectIdentifier ED25519_OID = new ASN1ObjectIdentifier("1.3.101.112");

  // Read-only for the module, so one native copy serves every call.
  private static final Memory ECDSA_MECHANISM = Token.mechanism(Ck.CKM_ECDSA, null, 0);
  private static final Memory EDDSA_MECHANISM = Token.mechanism(Ck.CKM_EDDSA, null, 0);
  private static final Memory HMAC_MECHANISM = Token.mechanism(Ck.CKM_SHA256_HMAC, null, 0);

  /** Digests are reused per thread: looking one up costs as much as hashing a short message. */
  private static final ThreadLocal<Map<Digest, MessageDigest>> DIGESTS =
      ThreadLocal.withInitial(() -> new java.util.EnumMap<>(Digest.class));

  private final Token token;
  private final Pkcs11Configuration configuration;
  private final long sealingKey;
  private final long macKey;
  private final SecureRandom random = new SecureRandom();
  private final Map<Long, VerifiedKey> verified = new ConcurrentHashMap<>();

  private Pkcs11Element(Token token, Pkcs11Configuration configuration, long sealingKey, long macKey) {
    this.token = token;
    this.configuration = configuration;
    this.sealingKey = sealingKey;
    this.macKey = macKey;
  }

  /** Makes the keychain's sealing and MAC keys on the token. */
  static Pkcs11Element create(Token token, Pkcs11Configuration configuration) throws KeychainException {
    for (long mechanism : new long[] {Ck.CKM_AES_KEY_GEN, Ck.CKM_AES_CBC_PAD, Ck.CKM_GENERIC_SECRET_KEY_GEN, Ck.CKM_SHA256_HMAC}) {
      requireMechanism(token, mechanism, "the keychain's secret keys");
    }
    long[] keys =
        token.withSession(session -> {
          long aes =
              session.generateKey(
                  Token.mechanism(Ck.CKM_AES_KEY_GEN, null, 0),
                  secretKeyTemplate(configuration, "sealing", Ck.CKK_AES)
                      .ulong(Ck.CKA_VALUE_LEN, 32)
                      .bool(Ck.CKA_ENCRYPT, true)
                      .bool(Ck.CKA_DECRYPT, true)
                      .bool(Ck.CKA_SIGN, false)
                      .bool(Ck.CKA_VERIFY, false));
          long mac =
              session.generateKey(
                  Token.mechanism(Ck.CKM_GENERIC_SECRET_KEY_GEN, null, 0),
                  secretKeyTemplate(configuration, "mac", Ck.CKK_GENERIC_SECRET)
                      .ulong(Ck.CKA_VALUE_LEN, 32)
                      .bool(Ck.CKA_SIGN, true)
                      .bool(Ck.CKA_VERIFY, true)
                      .bool(Ck.CKA_ENCRYPT, false)
                      .bool(Ck.CKA_DECRYPT, false));
          return new long[] {aes, mac};
        });
    return new Pkcs11Element(token, configuration, keys[0], keys[1]);
  }

  /** Finds the keychain's sealing and MAC keys on the token. */
  static Pkcs11Element open(Token token, Pkcs11Configuration configuration) throws KeychainException {
    long[] keys =
        token.withSession(session -> new long[] {
          findSecretKey(session, configuration, "sealing"), findSecretKey(session, configuration, "mac")
        });
    return new Pkcs11Element(token, configuration, keys[0], keys[1]);
  }

  private static Token.Template secretKeyTemplate(Pkcs11Configuration configuration, String role, long keyType) {
    return new Token.Template()
        .ulong(Ck.CKA_CLASS, Ck.CKO_SECRET_KEY)
        .ulong(Ck.CKA_KEY_TYPE, keyType)
        .bool(Ck.CKA_TOKEN, true)
        .bool(Ck.CKA_PRIVATE, true)
        .bool(Ck.CKA_SENSITIVE, true)
        .bool(Ck.CKA_EXTRACTABLE, false)
        .bool(Ck.CKA_WRAP, false)
        .bool(Ck.CKA_UNWRAP, false)
        .bool(Ck.CKA_DERIVE, false)
        .bytes(Ck.CKA_ID, configuration.secretKeyId(role))
        .bytes(Ck.CKA_LABEL, ("keychain4j " + role + " " + configuration.keychainId()).getBytes(StandardCharsets.UTF_8));
  }

  private static long findSecretKey(Token.Session session, Pkcs11Configuration configuration, String role)
      throws KeychainException {
    List<Long> found =
        session.find(
            new Token.Template()
                .ulong(Ck.CKA_CLASS, Ck.CKO_SECRET_KEY)
                .bytes(Ck.CKA_ID, configuration.secretKeyId(role)));
    if (found.size() != 1) {
      throw new KeyCorruptedException(
          "Token '" + configuration.tokenLabel() + "' has " + found.size() + " " + role + " keys of"
              + " keychain " + configuration.keychainId() + " where there must be one: the token was"
              + " changed outside keychain4j, or this is not the token the keychain was created on");
    }
    return found.get(0);
  }

  private static void requireMechanism(Token token, long mechanism, String purpose) throws KeychainException {
    if (!token.supports(mechanism)) {
      throw new UnsupportedAlgorithmException(
          String.format(
              "Token '%s' does not offer mechanism 0x%X, which %s need: use a token that has it",
              token.label(), mechanism, purpose));
    }
  }

  Pkcs11Configuration configuration() {
    return configuration;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Returns {@code STRONGBOX} for a hardware slot ({@code CKF_HW_SLOT}), else {@code SOFTWARE}. */
  @Override
  public SecurityLevel securityLevel() {
    return token.hardwareSlot() ? SecurityLevel.STRONGBOX : SecurityLevel.SOFTWARE;
  }

  @Override
  public Set<AuthorizationTag> enforcedAuthorizations(KeyParameters parameters) {
    return TOKEN_ENFORCED;
  }

  // ---- Key generation ----

  @Override
  public GeneratedKey generateKey(KeyBinding binding, KeyParameters parameters) throws KeychainException {
    KeyParameters authorizations = parameters.withoutLabel();
    KeyAlgorithm algorithm = authorizations.algorithm();
    long generation = generationMechanism(algorithm);
    byte[] objectId = objectId(binding);
    byte[] label = binding.tag().getBytes(StandardCharsets.UTF_8);
    Set<Purpose> purposes = authorizations.purposes();

    // Every usage flag is set explicitly: tokens differ in their defaults (SoftHSM2 2.6
    // grants decrypt and unwrap when the template omits them), and only the key's purposes may be granted.
    boolean rsa = algorithm.family() == KeyAlgorithm.Family.RSA;
    boolean ec = algorithm.family() == KeyAlgorithm.Family.EC;
    Token.Template publicTemplate =
        new Token.Template()
            .bool(Ck.CKA_TOKEN, true)
            .bool(Ck.CKA_PRIVATE, false)
            .bytes(Ck.CKA_ID, objectId)
            .bytes(Ck.CKA_LABEL, label)
            .bool(Ck.CKA_VERIFY, purposes.contains(Purpose.VERIFY) || purposes.contains(Purpose.SIGN))
            .bool(Ck.CKA_ENCRYPT, rsa && (purposes.contains(Purpose.ENCRYPT) || purposes.contains(Purpose.DECRYPT)))
            .bool(Ck.CKA_WRAP, false)
            .bool(Ck.CKA_VERIFY_RECOVER, false)
            .bool(Ck.CKA_DERIVE, false);
    Token.Template privateTemplate =
        new Token.Template()
            .bool(Ck.CKA_TOKEN, true)
            .bool(Ck.CKA_PRIVATE, true)
            .bool(Ck.CKA_SENSITIVE, true)
            .bool(Ck.CKA_EXTRACTABLE, false)
            .bytes(Ck.CKA_ID, objectId)
            .bytes(Ck.CKA_LABEL, label)
            .bool(Ck.CKA_SIGN, purposes.contains(Purpose.SIGN) || purposes.contains(Purpose.ATTEST_KEY))
            .bool(Ck.CKA_DECRYPT, rsa && purposes.contains(Purpose.DECRYPT))
            .bool(Ck.CKA_DERIVE, ec && purposes.contains(Purpose.AGREE_KEY))
            .bool(Ck.CKA_UNWRAP, false)
            .bool(Ck.CKA_SIGN_RECOVER, false);
    if (rsa) {
      publicTemplate
          .ulong(Ck.CKA_MODULUS_BITS, rsaBits(algorithm))
          .bytes(Ck.CKA_PUBLIC_EXPONENT, new byte[] {1, 0, 1});
    } else {
      publicTemplate.bytes(Ck.CKA_EC_PARAMS, der(ec ? curveOid(algorithm) : ED25519_OID));
    }

    byte[] mac = mac(keyMessage(binding, objectId, authorizations));
    PublicKey publicKey =
        token.withSession(session -> {
          long[] handles = session.generateKeyPair(Token.mechanism(generation, null, 0), publicTemplate, privateTemplate);
          try {
            return publicKey(session, handles[0], algorithm);
          } catch (KeychainException | RuntimeException e) {
            session.destroy(handles[1]);
            session.destroy(handles[0]);
            throw e;
          }
        });
    return new GeneratedKey(reference(objectId, mac), publicKey);
  }

  /**
   * Returns the leftmost bytes of a caller-hashed input that ECDSA uses, because some tokens
   * (SoftHSM2 among them) reject CKM_ECDSA input longer than the curve order.
   */
  private static byte[] ecdsaInputWithoutDigest(KeyAlgorithm algorithm, byte[] input) {
    int orderLength =
        switch (algorithm) {
          case EC_P256 -> 32;
          case EC_P384 -> 48;
          // P-521's order has 521 bits, more than any accepted input (at most 64 bytes).
          default -> input.length;
        };
    return input.length > orderLength ? Arrays.copyOf(input, orderLength) : input;
  }

  private static MessageDigest digest(Digest digest) throws GeneralSecurityException {
    Map<Digest, MessageDigest> digests = DIGESTS.get();
    MessageDigest instance = digests.get(digest);
    if (instance == null) {
      instance = MessageDigest.getInstance(digest.jcaName());
      digests.put(digest, instance);
    }
    instance.reset();
    return instance;
  }

  private long generationMechanism(KeyAlgorithm algorithm) throws KeychainException {
    long mechanism;
    switch (algorithm.family()) {
      case RSA:
        mechanism = Ck.CKM_RSA_PKCS_KEY_PAIR_GEN;
        break;
      case EC:
        mechanism = Ck.CKM_EC_KEY_PAIR_GEN;
        break;
      case ED25519:
        mechanism = Ck.CKM_EC_EDWARDS_KEY_PAIR_GEN;
        break;
      default:
        throw new UnsupportedAlgorithmException(
            "The PKCS#11 element does not offer " + algorithm.cliName() + " keys on token '"
                + token.label() + "': use ec-p256, ec-p384, rsa-2048..4096 or ed25519");
    }
    if (!token.supports(mechanism)) {
      throw new UnsupportedAlgorithmException(
          "Token '" + token.label() + "' cannot generate " + algorithm.cliName() + " keys (it lacks"
              + String.format(" mechanism 0x%X", mechanism) + "): choose another algorithm or token");
    }
    return mechanism;
  }

  private static byte[] der(ASN1ObjectIdentifier oid) {
    try {
      return oid.getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException("Encoding an object identifier failed", e);
    }
  }

  private static int rsaBits(KeyAlgorithm algorithm) {
    switch (algorithm) {
      case RSA_3072:
        return 3072;
      case RSA_4096:
        return 4096;
      default:
        return 2048;
    }
  }

  private static ASN1ObjectIdentifier curveOid(KeyAlgorithm algorithm) {
    switch (algorithm) {
      case EC_P384:
        return new ASN1ObjectIdentifier("1.3.132.0.34");
      case EC_P521:
        return new ASN1ObjectIdentifier("1.3.132.0.35");
      default:
        return new ASN1ObjectIdentifier("1.2.840.10045.3.1.7");
    }
  }

  private PublicKey publicKey(Token.Session session, long handle, KeyAlgorithm algorithm) throws KeychainException {
    try {
      switch (algorithm.family()) {
        case RSA:
          BigInteger modulus = new BigInteger(1, session.requiredAttribute(handle, Ck.CKA_MODULUS));
          BigInteger exponent = new BigInteger(1, session.requiredAttribute(handle, Ck.CKA_PUBLIC_EXPONENT));
          return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        case EC:
          byte[] point = unwrapPoint(session.requiredAttribute(handle, Ck.CKA_EC_POINT));
          SubjectPublicKeyInfo ec =
              new SubjectPublicKeyInfo(
                  new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curveOid(algorithm)), point);
          return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(ec.getEncoded()));
        default:
          byte[] raw = unwrapPoint(session.requiredAttribute(handle, Ck.CKA_EC_POINT));
          SubjectPublicKeyInfo ed =
              new SubjectPublicKeyInfo(new AlgorithmIdentifier(ED25519_OID), raw);
          return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(ed.getEncoded()));
      }
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      throw new KeychainException(
          "Token '" + token.label() + "' returned a public key that does not parse as "
              + algorithm.cliName(), e);
    }
  }

  /** CKA_EC_POINT is a DER OCTET STRING on most tokens, the bare point on some. */
  private static byte[] unwrapPoint(byte[] value) {
    if (value.length > 2 && value[0] == 0x04) {
      try {
        byte[] inner = ASN1OctetString.getInstance(value).getOctets();
        return inner;
      } catch (IllegalArgumentException e) {
        return value;
      }
    }
    return value;
  }

  // ---- Private-key operations ----

  @Override
  public byte[] sign(ElementKey key, SignatureSpec spec, byte[] message) throws KeychainException {
    // CKA_SIGN also covers ATTEST_KEY, so the element distinguishes the two purposes itself, from
    // the authorizations that the token's HMAC key authenticated.
    long handle = privateKey(key);
    requirePurpose(key, Purpose.SIGN, "sign");
    return signWith(key, handle, spec, message);
  }

  @Override
  public byte[] signAttestation(ElementKey key, SignatureSpec spec, byte[] toBeSigned) throws KeychainException {
    long handle = privateKey(key);
    requirePurpose(key, Purpose.ATTEST_KEY, "sign attestations");
    return signWith(key, handle, spec, toBeSigned);
  }

  private static void requirePurpose(ElementKey key, Purpose purpose, String operation)
      throws IncompatiblePurposeException {
    if (!key.authorizations().purposes().contains(purpose)) {
      throw new IncompatiblePurposeException(
          "Key '" + key.binding().tag() + "' may not " + operation + ": it was generated without"
              + " the " + purpose.cliName() + " purpose");
    }
  }

  private byte[] signWith(ElementKey key, long handle, SignatureSpec spec, byte[] message) throws KeychainException {
    String tag = key.binding().tag();
    try {
      switch (spec.scheme()) {
        case ECDSA: {
          requireMechanism(token, Ck.CKM_ECDSA, "ECDSA signatures");
          byte[] hash =
              spec.digest() == Digest.NONE
                  ? ecdsaInputWithoutDigest(key.authorizations().algorithm(), message)
                  : digest(spec.digest()).digest(message);
          byte[] raw = token.withSession(session -> session.sign(ECDSA_MECHANISM, handle, hash));
          return EcdsaSignatures.toDer(raw);
        }
        case ED25519:
          requireMechanism(token, Ck.CKM_EDDSA, "Ed25519 signatures");
          return token.withSession(session -> session.sign(EDDSA_MECHANISM, handle, message));
        default:
          return signRsa(spec, handle, message);
      }
    } catch (Pkcs11Exception e) {
      throw refused(e, tag, "sign");
    } catch (GeneralSecurityException e) {
      throw new KeychainException("Signing with key '" + tag + "' failed on token '" + token.label() + "'", e);
    }
  }

  private byte[] signRsa(SignatureSpec spec, long handle, byte[] message) throws KeychainException {
    Digest digest = spec.digest();
    if (spec.padding() == Padding.RSA_PKCS1) {
      long mechanism = digest == Digest.SHA384 ? Ck.CKM_SHA384_RSA_PKCS
          : digest == Digest.SHA512 ? Ck.CKM_SHA512_RSA_PKCS : Ck.CKM_SHA256_RSA_PKCS;
      requireMechanism(token, mechanism, "RSA PKCS#1 v1.5 signatures with " + digest.cliName());
      return token.withSession(session -> session.sign(Token.mechanism(mechanism, null, 0), handle, message));
    }
    long mechanism = digest == Digest.SHA384 ? Ck.CKM_SHA384_RSA_PKCS_PSS
        : digest == Digest.SHA512 ? Ck.CKM_SHA512_RSA_PKCS_PSS : Ck.CKM_SHA256_RSA_PKCS_PSS;
    requireMechanism(token, mechanism, "RSA-PSS signatures with " + digest.cliName());
    // CK_RSA_PKCS_PSS_PARAMS: hash, MGF, salt length (the digest length, as the library verifies).
    Memory parameters = new Memory(3L * LONG);
    parameters.setNativeLong(0, new NativeLong(hashMechanism(digest)));
    parameters.setNativeLong(LONG, new NativeLong(mgf(digest)));
    parameters.setNativeLong(2L * LONG, new NativeLong(digest.length()));
    return token.withSession(session -> session.sign(Token.mechanism(mechanism, parameters, 3L * LONG), handle, message));
  }

  private static long hashMechanism(Digest digest) {
    switch (digest) {
      case SHA384:
        return Ck.CKM_SHA384;
      case SHA512:
        return Ck.CKM_SHA512;
      default:
        return Ck.CKM_SHA256;
    }
  }

  private static long mgf(Digest digest) {
    switch (digest) {
      case SHA384:
        return Ck.CKG_MGF1_SHA384;
      case SHA512:
        return Ck.CKG_MGF1_SHA512;
      default:
        return Ck.CKG_MGF1_SHA256;
    }
  }

  @Override
  public byte[] decrypt(ElementKey key, Digest oaepDigest, byte[] ciphertext) throws KeychainException {
    long handle = privateKey(key);
    requireMechanism(token, Ck.CKM_RSA_PKCS_OAEP, "RSA-OAEP decryption");
    // CK_RSA_PKCS_OAEP_PARAMS: hash, MGF, source, source data pointer, length (empty label).
    Memory parameters = new Memory(4L * LONG + POINTER);
    parameters.clear();
    parameters.setNativeLong(0, new NativeLong(hashMechanism(oaepDigest)));
    parameters.setNativeLong(LONG, new NativeLong(mgf(oaepDigest)));
    parameters.setNativeLong(2L * LONG, new NativeLong(Ck.CKZ_DATA_SPECIFIED));
    try {
      return token.withSession(session -> {
        Memory mechanism = Token.mechanism(Ck.CKM_RSA_PKCS_OAEP, parameters, 4L * LONG + POINTER);
        if (!session.decryptInit(mechanism, handle)) {
          // Some tokens (SoftHSM2 2.6) take OAEP only with SHA-1: the token then does the raw
          // RSA operation and the library removes the OAEP padding.
          return RawRsaOaep.decrypt(session, handle, key, oaepDigest, ciphertext, token);
        }
        return session.decryptRest(ciphertext);
      });
    } catch (Pkcs11Exception e) {
      if (e.result() == Ck.CKR_KEY_FUNCTION_NOT_PERMITTED) {
        throw refused(e, key.binding().tag(), "decrypt");
      }
      // Say nothing about why: the reason could help a padding oracle.
      throw new KeychainException("The ciphertext does not decrypt with key '" + key.binding().tag() + "'");
    }
  }

  @Override
  public byte[] agree(ElementKey key, PublicKey peer) throws KeychainException {
    KeyAlgorithm algorithm = key.authorizations().algorithm();
    if (algorithm.family() != KeyAlgorithm.Family.EC) {
      throw new IllegalArgumentException(
          "Key '" + key.binding().tag() + "' is an " + algorithm.cliName() + " key: key agreement"
              + " on a PKCS#11 token needs an EC key");
    }
    byte[] peerPoint = peerPoint(key, peer, algorithm);
    long handle = privateKey(key);
    requireMechanism(token, Ck.CKM_ECDH1_DERIVE, "ECDH key agreement");
    // CK_ECDH1_DERIVE_PARAMS: kdf, shared data length and pointer, public data length and pointer.
    Memory publicData = new Memory(peerPoint.length);
    publicData.write(0, peerPoint, 0, peerPoint.length);
    Memory parameters = new Memory(3L * LONG + 2L * POINTER);
    parameters.clear();
    parameters.setNativeLong(0, new NativeLong(Ck.CKD_NULL));
    parameters.setNativeLong(2L * LONG + POINTER, new NativeLong(peerPoint.length));
    parameters.setPointer(3L * LONG + POINTER, publicData);
    int fieldBytes = fieldBytes(algorithm);

    // The shared secret becomes a session object that the element reads once and destroys.
    Token.Template template =
        new Token.Template()
            .ulong(Ck.CKA_CLASS, Ck.CKO_SECRET_KEY)
            .ulong(Ck.CKA_KEY_TYPE, Ck.CKK_GENERIC_SECRET)
            .bool(Ck.CKA_TOKEN, false)
            .bool(Ck.CKA_SENSITIVE, false)
            .bool(Ck.CKA_EXTRACTABLE, true)
            .ulong(Ck.CKA_VALUE_LEN, fieldBytes);
    try {
      return token.withSession(session -> {
        long secret =
            session.deriveKey(Token.mechanism(Ck.CKM_ECDH1_DERIVE, parameters, 3L * LONG + 2L * POINTER), handle, template);
        try {
          return session.requiredAttribute(secret, Ck.CKA_VALUE);
        } finally {
          session.destroy(secret);
        }
      });
    } catch (Pkcs11Exception e) {
      throw refused(e, key.binding().tag(), "agree on a key");
    }
  }

  private static int fieldBytes(KeyAlgorithm algorithm) {
    switch (algorithm) {
      case EC_P384:
        return 48;
      case EC_P521:
        return 66;
      default:
        return 32;
    }
  }

  private static byte[] peerPoint(ElementKey key, PublicKey peer, KeyAlgorithm algorithm) {
    try {
      SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(peer.getEncoded());
      if (!info.getAlgorithm().getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)
          || !curveOid(algorithm).equals(info.getAlgorithm().getParameters())) {
        throw new IllegalArgumentException("other curve");
      }
      return info.getPublicKeyData().getOctets();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "The peer key is not a " + algorithm.cliName() + " public key, so key '"
              + key.binding().tag() + "' cannot agree with it: give a key of the same curve");
    }
  }

  private KeychainException refused(Pkcs11Exception e, String tag, String operation) {
    if (e.result() == Ck.CKR_KEY_FUNCTION_NOT_PERMITTED) {
      return new IncompatiblePurposeException(
          "Key '" + tag + "' may not " + operation + ": token '" + token.label() + "' rejected it"
              + " (the purpose was not granted when the key was generated)");
    }
    return new KeychainException(
        "Key '" + tag + "' could not " + operation + " on token '" + token.label() + "': " + e.getMessage(), e);
  }

  // ---- Key lookup and authentication ----

  /** Authenticates the stored key and counter, then returns the private key's object handle. */
  private long privateKey(ElementKey key) throws KeychainException {
    KeyBinding binding = key.binding();
    VerifiedKey known = verified.get(binding.id());
    if (known != null && known.key == key) {
      // The keychain hands in the same ElementKey object while its cached row is unchanged.
      checkCounter(key);
      return known.handle;
    }
    byte[] reference = key.reference().bytes();
    byte[] authorizations = encodeAuthorizations(key.authorizations());
    if (known == null
        || !known.tag.equals(binding.tag())
        || !MessageDigest.isEqual(known.reference, reference)
        || !MessageDigest.isEqual(known.authorizations, authorizations)
        || !key.hasPublicKey(known.key.publicKey().orElse(null))) {
      known = verify(key, reference, authorizations);
    } else {
      known = new VerifiedKey(known.tag, known.reference, known.authorizations, known.handle, key);
      verified.put(binding.id(), known);
    }
    checkCounter(key);
    return known.handle;
  }

  private VerifiedKey verify(ElementKey key, byte[] reference, byte[] authorizations) throws KeychainException {
    KeyBinding binding = key.binding();
    byte[] objectId = referencedId(reference).orElseThrow(() -> corrupted(binding));
    byte[] storedMac = Arrays.copyOfRange(reference, reference.length - MAC_LENGTH, reference.length);
    if (!MessageDigest.isEqual(storedMac, mac(keyMessage(binding, objectId, key.authorizations())))) {
      throw corrupted(binding);
    }
    List<Long> found =
        token.withSession(session -> session.find(
            new Token.Template().ulong(Ck.CKA_CLASS, Ck.CKO_PRIVATE_KEY).bytes(Ck.CKA_ID, objectId)));
    if (found.size() != 1) {
      throw new KeyCorruptedException(
          "Key '" + binding.tag() + "' has " + found.size() + " private keys on token '"
              + token.label() + "' where there must be one: it was deleted or copied outside"
              + " keychain4j. Delete the key from the keychain");
    }
    checkPublicKey(key, objectId);
    VerifiedKey entry = new VerifiedKey(binding.tag(), reference, authorizations, found.get(0), key);
    verified.put(binding.id(), entry);
    return entry;
  }

  /**
   * Compares the public key the keychain stored with the token's public key object of the same
   * CKA_ID, so that a public key replaced in the database is detected. An adopted key whose token
   * has only a certificate, and no public key object, is not compared.
   */
  private void checkPublicKey(ElementKey key, byte[] objectId) throws KeychainException {
    if (key.publicKey().isEmpty()) {
      return;
    }
    KeyAlgorithm algorithm = key.authorizations().algorithm();
    Optional<PublicKey> onToken =
        token.withSession(session -> {
          List<Long> publicKeys =
              session.find(
                  new Token.Template().ulong(Ck.CKA_CLASS, Ck.CKO_PUBLIC_KEY).bytes(Ck.CKA_ID, objectId));
          return publicKeys.isEmpty()
              ? Optional.<PublicKey>empty()
              : Optional.of(publicKey(session, publicKeys.get(0), algorithm));
        });
    if (onToken.isPresent() && !key.hasPublicKey(onToken.get().getEncoded())) {
      throw new KeyCorruptedException(
          "The stored public key of key '" + key.binding().tag() + "' differs from its public key on"
              + " token '" + token.label() + "': the keychain was edited outside keychain4j. Delete"
              + " the key from the keychain");
    }
  }

  private void checkCounter(ElementKey key) throws KeychainException {
    if (key.authorizations().usageLimit().isEmpty()) {
      return;
    }
    UsageCounter counter =
        key.counter().orElseThrow(() -> corrupted(key.binding()));
    if (counter.remaining() > key.authorizations().usageLimit().getAsInt()
        || !MessageDigest.isEqual(counter.authenticator(), mac(counterMessage(key.binding(), counter.remaining())))) {
      throw new KeyCorruptedException(
          "The usage counter of key '" + key.binding().tag() + "' fails authentication: it was"
              + " edited outside keychain4j. Delete the key");
    }
    if (counter.remaining() == 0) {
      throw new UsageLimitExhaustedException(
          "Key '" + key.binding().tag() + "' has used all of its allowed uses: generate a new key");
    }
  }

  private static KeyCorruptedException corrupted(KeyBinding binding) {
    return new KeyCorruptedException(
        "The stored reference or authorizations of key '" + binding.tag() + "' fail authentication"
            + " on the token: they were edited outside keychain4j. Delete the key");
  }

  @Override
  public void checkKey(ElementKey key) throws KeychainException {
    verify(key, key.reference().bytes(), encodeAuthorizations(key.authorizations()));
    if (key.authorizations().usageLimit().isPresent()) {
      UsageCounter counter = key.counter().orElseThrow(() -> corrupted(key.binding()));
      if (counter.remaining() > key.authorizations().usageLimit().getAsInt()
          || !MessageDigest.isEqual(counter.authenticator(), mac(counterMessage(key.binding(), counter.remaining())))) {
        throw new KeyCorruptedException(
            "The usage counter of key '" + key.binding().tag() + "' fails authentication: it was"
                + " edited outside keychain4j. Delete the key");
      }
    }
  }

  @Override
  public UsageCounter authenticateCounter(KeyBinding binding, int remaining) throws KeychainException {
    return UsageCounter.of(remaining, mac(counterMessage(binding, remaining)));
  }

  @Override
  public void destroyKey(KeyBinding binding, KeyReference reference) throws KeychainException {
    verified.remove(binding.id());
    Optional<byte[]> referenced = referencedId(reference.bytes());
    if (referenced.isEmpty() || !Arrays.equals(referenced.get(), objectId(binding))) {
      // Only keys this keychain generated are destroyed: an adopted key was made by someone else,
      // so deleting it from the keychain leaves it on the token.
      return;
    }
    byte[] objectId = referenced.get();
    token.withSession(session -> {
      for (Long object : session.find(new Token.Template().bytes(Ck.CKA_ID, objectId))) {
        session.destroy(object);
      }
      return null;
    });
  }

  // ---- Adoption of keys made outside the keychain ----

  @Override
  public List<UnmanagedObject> unmanagedObjects(List<KeyReference> managed) throws KeychainException {
    Set<String> managedIds = new HashSet<>();
    for (KeyReference reference : managed) {
      referencedId(reference.bytes()).ifPresent(id -> managedIds.add(HexFormat.of().formatHex(id)));
    }
    return token.withSession(session -> {
      Set<String> privateIds = new HashSet<>();
      List<UnmanagedObject> found = new ArrayList<>();
      for (long handle : session.find(new Token.Template().ulong(Ck.CKA_CLASS, Ck.CKO_PRIVATE_KEY))) {
        String id = HexFormat.of().formatHex(session.attribute(handle, Ck.CKA_ID).orElse(new byte[0]));
        privateIds.add(id);
        if (managedIds.contains(id)) {
          continue;
        }
        Optional<KeyAlgorithm> algorithm = algorithmOf(session, handle);
        String reason = adoptionObstacle(session, handle, id, algorithm);
        found.add(new UnmanagedObject(
            id, label(session, handle), UnmanagedObject.Kind.PRIVATE_KEY, algorithm.orElse(null), reason.isEmpty(), reason));
      }
      for (long kind : new long[] {Ck.CKO_PUBLIC_KEY, Ck.CKO_CERTIFICATE}) {
        for (long handle : session.find(new Token.Template().ulong(Ck.CKA_CLASS, kind))) {
          String id = HexFormat.of().formatHex(session.attribute(handle, Ck.CKA_ID).orElse(new byte[0]));
          if (privateIds.contains(id)) {
            continue;
          }
          found.add(new UnmanagedObject(
              id,
              label(session, handle),
              kind == Ck.CKO_PUBLIC_KEY ? UnmanagedObject.Kind.PUBLIC_KEY : UnmanagedObject.Kind.CERTIFICATE,
              kind == Ck.CKO_PUBLIC_KEY ? algorithmOf(session, handle).orElse(null) : null,
              false,
              "no private key with this CKA_ID on the token"));
        }
      }
      return found;
    });
  }

  private static @org.jspecify.annotations.Nullable String label(Token.Session session, long handle)
      throws KeychainException {
    return session.attribute(handle, Ck.CKA_LABEL).map(value -> new String(value, StandardCharsets.UTF_8)).orElse(null);
  }

  /** Returns why a private key cannot be adopted, or an empty string. */
  private static String adoptionObstacle(
      Token.Session session, long handle, String id, Optional<KeyAlgorithm> algorithm) throws KeychainException {
    if (id.isEmpty()) {
      return "it has no CKA_ID to find it by";
    }
    if (algorithm.isEmpty()) {
      return "its key type or size is not one keychain4j supports";
    }
    if (!session.bool(handle, Ck.CKA_SENSITIVE).orElse(false)
        || session.bool(handle, Ck.CKA_EXTRACTABLE).orElse(true)) {
      return "it is not sensitive and never extractable, so it could leave the token";
    }
    return "";
  }

  /** Tells the algorithm from the key type and its size or curve; empty when unsupported. */
  private static Optional<KeyAlgorithm> algorithmOf(Token.Session session, long handle) throws KeychainException {
    Optional<byte[]> type = session.attribute(handle, Ck.CKA_KEY_TYPE);
    if (type.isEmpty()) {
      return Optional.empty();
    }
    long keyType = Token.ulong(type.get());
    if (keyType == Ck.CKK_RSA) {
      Optional<byte[]> modulus = session.attribute(handle, Ck.CKA_MODULUS);
      int bits = modulus.map(m -> new BigInteger(1, m).bitLength()).orElse(0);
      return bits == 2048 ? Optional.of(KeyAlgorithm.RSA_2048)
          : bits == 3072 ? Optional.of(KeyAlgorithm.RSA_3072)
          : bits == 4096 ? Optional.of(KeyAlgorithm.RSA_4096) : Optional.empty();
    }
    Optional<byte[]> parameters = session.attribute(handle, Ck.CKA_EC_PARAMS);
    if (parameters.isEmpty()) {
      return Optional.empty();
    }
    if (keyType == Ck.CKK_EC_EDWARDS) {
      return Arrays.equals(parameters.get(), der(ED25519_OID)) ? Optional.of(KeyAlgorithm.ED25519) : Optional.empty();
    }
    if (keyType == Ck.CKK_EC) {
      for (KeyAlgorithm candidate : List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384, KeyAlgorithm.EC_P521)) {
        if (Arrays.equals(parameters.get(), der(curveOid(candidate)))) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public GeneratedKey adoptKey(KeyBinding binding, KeyParameters parameters, String objectId)
      throws KeychainException {
    KeyParameters authorizations = parameters.withoutLabel();
    byte[] id;
    try {
      id = HexFormat.of().parseHex(objectId);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid object id '" + objectId + "': give the CKA_ID in hex");
    }
    if (id.length == 0 || id.length > 255) {
      throw new IllegalArgumentException("Invalid object id '" + objectId + "': a CKA_ID of 1 to 255 bytes");
    }
    PublicKey publicKey =
        token.withSession(session -> {
          List<Long> keys = session.find(new Token.Template().ulong(Ck.CKA_CLASS, Ck.CKO_PRIVATE_KEY).bytes(Ck.CKA_ID, id));
          if (keys.size() != 1) {
            throw new KeychainException(
                "Token '" + token.label() + "' has " + keys.size() + " private keys with CKA_ID " + objectId
                    + ": adopt a key whose CKA_ID is unique");
          }
          long handle = keys.get(0);
          Optional<KeyAlgorithm> algorithm = algorithmOf(session, handle);
          String obstacle = adoptionObstacle(session, handle, objectId, algorithm);
          if (!obstacle.isEmpty()) {
            throw new KeychainException("Cannot adopt key " + objectId + ": " + obstacle);
          }
          if (algorithm.get() != authorizations.algorithm()) {
            throw new IllegalArgumentException(
                "Key " + objectId + " on token '" + token.label() + "' is " + algorithm.get().cliName()
                    + ", not " + authorizations.algorithm().cliName() + ": adopt it as " + algorithm.get().cliName());
          }
          checkTokenPurposes(session, handle, objectId, authorizations);
          List<Long> publicKeys = session.find(new Token.Template().ulong(Ck.CKA_CLASS, Ck.CKO_PUBLIC_KEY).bytes(Ck.CKA_ID, id));
          if (!publicKeys.isEmpty()) {
            return publicKey(session, publicKeys.get(0), algorithm.get());
          }
          List<Long> certificates =
              session.find(new Token.Template().ulong(Ck.CKA_CLASS, Ck.CKO_CERTIFICATE).bytes(Ck.CKA_ID, id));
          if (!certificates.isEmpty()) {
            try {
              return java.security.cert.CertificateFactory.getInstance("X.509")
                  .generateCertificate(new java.io.ByteArrayInputStream(session.requiredAttribute(certificates.get(0), Ck.CKA_VALUE)))
                  .getPublicKey();
            } catch (java.security.cert.CertificateException e) {
              throw new KeychainException("The certificate with CKA_ID " + objectId + " does not parse", e);
            }
          }
          throw new KeychainException(
              "Key " + objectId + " on token '" + token.label() + "' has no public key or certificate with"
                  + " the same CKA_ID: write one to the token, then adopt the key");
        });
    return new GeneratedKey(reference(id, mac(keyMessage(binding, id, authorizations))), publicKey);
  }

  /**
   * The token enforces a key's purposes only through its own usage flags, so they must grant
   * exactly the private-key purposes asked for.
   */
  private void checkTokenPurposes(Token.Session session, long handle, String objectId, KeyParameters authorizations)
      throws KeychainException {
    Set<Purpose> purposes = authorizations.purposes();
    List<String> mismatches = new ArrayList<>();
    // Only flags that some mechanism of the key's type honours matter: SoftHSM2 sets CKA_DECRYPT
    // on EC keys, where no mechanism uses it. An RSA key that may unwrap can decrypt.
    KeyAlgorithm.Family family = authorizations.algorithm().family();
    checkFlag(session, handle, Ck.CKA_SIGN, purposes.contains(Purpose.SIGN) || purposes.contains(Purpose.ATTEST_KEY), mismatches);
    if (family == KeyAlgorithm.Family.RSA) {
      checkFlag(session, handle, Ck.CKA_DECRYPT, purposes.contains(Purpose.DECRYPT), mismatches);
      if (!purposes.contains(Purpose.DECRYPT)) {
        checkFlag(session, handle, Ck.CKA_UNWRAP, false, mismatches);
      }
    }
    if (family == KeyAlgorithm.Family.EC) {
      checkFlag(session, handle, Ck.CKA_DERIVE, purposes.contains(Purpose.AGREE_KEY), mismatches);
    }
    if (!mismatches.isEmpty()) {
      throw new IncompatiblePurposeException(
          "The purposes asked for key " + objectId + " differ from what token '" + token.label()
              + "' allows (" + String.join(", ", mismatches) + "): ask for the purposes the token grants");
    }
  }

  private static void checkFlag(Token.Session session, long handle, long flag, boolean wanted, List<String> mismatches)
      throws KeychainException {
    boolean granted = session.bool(handle, flag).orElse(false);
    if (granted != wanted) {
      mismatches.add(Ck.attributeName(flag) + " is " + granted);
    }
  }

  // ---- Secrets ----

  @Override
  public byte[] sealSecret(KeyBinding binding, byte[] secret) throws KeychainException {
    byte[] iv = new byte[IV_LENGTH];
    random.nextBytes(iv);
    Memory ivMemory = new Memory(IV_LENGTH);
    ivMemory.write(0, iv, 0, IV_LENGTH);
    byte[] ciphertext =
        token.withSession(session -> session.encrypt(Token.mechanism(Ck.CKM_AES_CBC_PAD, ivMemory, IV_LENGTH), sealingKey, secret));
    byte[] mac = mac(secretMessage(binding, iv, ciphertext));
    byte[] sealed = new byte[IV_LENGTH + ciphertext.length + MAC_LENGTH];
    System.arraycopy(iv, 0, sealed, 0, IV_LENGTH);
    System.arraycopy(ciphertext, 0, sealed, IV_LENGTH, ciphertext.length);
    System.arraycopy(mac, 0, sealed, IV_LENGTH + ciphertext.length, MAC_LENGTH);
    return sealed;
  }

  @Override
  public byte[] unsealSecret(KeyBinding binding, byte[] sealed) throws KeychainException {
    if (sealed.length < IV_LENGTH + 16 + MAC_LENGTH) {
      throw secretCorrupted(binding);
    }
    byte[] iv = Arrays.copyOfRange(sealed, 0, IV_LENGTH);
    byte[] ciphertext = Arrays.copyOfRange(sealed, IV_LENGTH, sealed.length - MAC_LENGTH);
    byte[] mac = Arrays.copyOfRange(sealed, sealed.length - MAC_LENGTH, sealed.length);
    if (!MessageDigest.isEqual(mac, mac(secretMessage(binding, iv, ciphertext)))) {
      throw secretCorrupted(binding);
    }
    Memory ivMemory = new Memory(IV_LENGTH);
    ivMemory.write(0, iv, 0, IV_LENGTH);
    return token.withSession(session -> session.decrypt(Token.mechanism(Ck.CKM_AES_CBC_PAD, ivMemory, IV_LENGTH), sealingKey, ciphertext));
  }

  private static KeyCorruptedException secretCorrupted(KeyBinding binding) {
    return new KeyCorruptedException(
        "The sealed secret '" + binding.tag() + "' fails authentication on the token: it was edited"
            + " or moved outside keychain4j. Store it again");
  }

  // ---- Authenticators ----

  private byte[] mac(byte[] message) throws KeychainException {
    return token.withSession(session -> session.sign(HMAC_MECHANISM, macKey, message));
  }

  /** Derives the token object id from the keychain and the item id, so it is stable per item. */
  private byte[] objectId(KeyBinding binding) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update("keychain4j/pkcs11/object-id/v1".getBytes(StandardCharsets.UTF_8));
      sha256.update(configuration.keychainId().getBytes(StandardCharsets.UTF_8));
      sha256.update(java.nio.ByteBuffer.allocate(8).putLong(binding.id()).array());
      return Arrays.copyOf(sha256.digest(), OBJECT_ID_LENGTH);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  /** Version, CKA_ID length, CKA_ID, then the authenticator. */
  private static KeyReference reference(byte[] objectId, byte[] mac) {
    byte[] bytes = new byte[2 + objectId.length + MAC_LENGTH];
    bytes[0] = REFERENCE_VERSION;
    bytes[1] = (byte) objectId.length;
    System.arraycopy(objectId, 0, bytes, 2, objectId.length);
    System.arraycopy(mac, 0, bytes, 2 + objectId.length, MAC_LENGTH);
    return KeyReference.of(bytes);
  }

  /** Returns the CKA_ID in a reference, or empty when the reference is malformed. */
  private static Optional<byte[]> referencedId(byte[] reference) {
    if (reference.length < 2 + 1 + MAC_LENGTH || reference[0] != REFERENCE_VERSION) {
      return Optional.empty();
    }
    int length = reference[1] & 0xFF;
    if (length == 0 || reference.length != 2 + length + MAC_LENGTH) {
      return Optional.empty();
    }
    return Optional.of(Arrays.copyOfRange(reference, 2, 2 + length));
  }

  private static byte[] keyMessage(KeyBinding binding, byte[] objectId, KeyParameters authorizations) {
    return message("keychain4j/pkcs11/key/v1", binding, objectId, encodeAuthorizations(authorizations));
  }

  private static byte[] counterMessage(KeyBinding binding, int remaining) {
    return message("keychain4j/pkcs11/counter/v1", binding,
        java.nio.ByteBuffer.allocate(4).putInt(remaining).array());
  }

  private static byte[] secretMessage(KeyBinding binding, byte[] iv, byte[] ciphertext) {
    return message("keychain4j/pkcs11/secret/v1", binding, iv, ciphertext);
  }

  /** Length-prefixed fields, so no two different field lists give the same bytes. */
  private static byte[] message(String domain, KeyBinding binding, byte[]... fields) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeField(out, domain.getBytes(StandardCharsets.UTF_8));
      writeField(out, binding.tag().getBytes(StandardCharsets.UTF_8));
      out.writeLong(binding.id());
      for (byte[] field : fields) {
        writeField(out, field);
      }
    } catch (IOException e) {
      throw new IllegalStateException("Writing to memory failed", e);
    }
    return bytes.toByteArray();
  }

  private static void writeField(DataOutputStream out, byte[] field) throws IOException {
    out.writeInt(field.length);
    out.write(field);
  }

  /** Encodes every authorization canonically, with each set sorted by name. */
  static byte[] encodeAuthorizations(KeyParameters parameters) {
    StringBuilder text = new StringBuilder();
    text.append("algorithm=").append(parameters.algorithm().name());
    text.append(";purposes=").append(sorted(parameters.purposes()));
    text.append(";digests=").append(sorted(parameters.digests()));
    text.append(";paddings=").append(sorted(parameters.paddings()));
    text.append(";activeFrom=").append(parameters.activeFrom().map(i -> i.toString()).orElse("-"));
    text.append(";originationEnd=").append(parameters.originationEnd().map(i -> i.toString()).orElse("-"));
    text.append(";consumptionEnd=").append(parameters.consumptionEnd().map(i -> i.toString()).orElse("-"));
    text.append(";usageLimit=")
        .append(parameters.usageLimit().isPresent() ? Integer.toString(parameters.usageLimit().getAsInt()) : "-");
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String sorted(Set<? extends Enum<?>> values) {
    return String.join(",", values.stream().map(Enum::name).sorted().toList());
  }

  @Override
  public void close() {
    verified.clear();
    token.close();
  }

  @Override
  public String toString() {
    return "Pkcs11Element{token=" + token.label() + ", library=" + token.library() + "}";
  }

  /** A key whose reference and authorizations were authenticated, with its object handle. */
  private static final class VerifiedKey {
    final String tag;
    final byte[] reference;
    final byte[] authorizations;
    final long handle;
    final ElementKey key;

    VerifiedKey(String tag, byte[] reference, byte[] authorizations, long handle, ElementKey key) {
      this.tag = tag;
      this.reference = reference;
      this.authorizations = authorizations;
      this.handle = handle;
      this.key = key;
    }
  }

  static Set<AuthorizationTag> tokenEnforced() {
    return EnumSet.copyOf(TOKEN_ENFORCED);
  }
}
