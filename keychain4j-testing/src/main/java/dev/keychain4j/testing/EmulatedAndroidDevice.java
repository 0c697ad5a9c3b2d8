package dev.keychain4j.testing;

import dev.keychain4j.ApplicationIdentity;
import dev.keychain4j.AuthorizationTag;
import dev.keychain4j.Digest;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.KeychainException;
import dev.keychain4j.SecurityLevel;
import dev.keychain4j.SignatureSpec;
import dev.keychain4j.internal.attestation.AttestationAuthority;
import dev.keychain4j.internal.attestation.AttestationCertificates;
import dev.keychain4j.internal.attestation.AuthorizationListEncoder;
import dev.keychain4j.internal.attestation.KeyDescriptionEncoder;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jspecify.annotations.Nullable;

/**
 * An emulated Android device that generates keys and returns their key attestation chains, for
 * tests of servers that verify Android attestations. Each device has its own test root (ECDSA
 * P-384) and attestation intermediate (ECDSA P-256), generated in memory: configure {@link
 * #testRoot()} as the verifier's trust anchor. No production verifier trusts it, so a chain from
 * this class passes only where a test chose to trust it.
 *
 * <p>The KeyDescription has the same structure as keychain4j's own attestations (attestation
 * version 400) with the chosen security level. For a TEE or StrongBox device, the key's
 * authorizations, the RootOfTrust, OS version and patch levels go into {@code hardwareEnforced},
 * as on a real device; for a SOFTWARE device they all go into {@code softwareEnforced}. The
 * creation time and the application identity always go into {@code softwareEnforced}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class EmulatedAndroidDevice {
  private static final Provider PROVIDER = new BouncyCastleProvider();
  private static final SignatureSpec ROOT_SIGNATURE = SignatureSpec.ecdsa(Digest.SHA384);
  private static final SignatureSpec INTERMEDIATE_SIGNATURE = SignatureSpec.ecdsa(Digest.SHA256);

  private final SecurityLevel securityLevel;
  private final VerifiedBootState verifiedBootState;
  private final boolean deviceLocked;
  private final byte[] verifiedBootKey;
  private final byte[] verifiedBootHash;
  private final int osVersion;
  private final YearMonth osPatchLevel;
  private final LocalDate vendorPatchLevel;
  private final LocalDate bootPatchLevel;
  private final @Nullable ApplicationIdentity application;
  private final SecureRandom random = new SecureRandom();
  private final PrivateKey intermediateKey;
  private final X509Certificate intermediate;
  private final X509Certificate root;

  private EmulatedAndroidDevice(Builder builder) {
    this.securityLevel = builder.securityLevel;
    this.verifiedBootState = builder.verifiedBootState;
    this.deviceLocked = builder.deviceLocked;
    this.verifiedBootKey = builder.verifiedBootKey.clone();
    this.verifiedBootHash = builder.verifiedBootHash.clone();
    this.osVersion = builder.osVersion;
    this.osPatchLevel = builder.osPatchLevel;
    this.vendorPatchLevel = builder.vendorPatchLevel;
    this.bootPatchLevel = builder.bootPatchLevel;
    this.application = builder.application;

    Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));
    Instant notAfter = notBefore.plus(Duration.ofDays(3650));
    KeyPair rootPair = generateKeyPair(KeyAlgorithm.EC_P384);
    KeyPair intermediatePair = generateKeyPair(KeyAlgorithm.EC_P256);
    X500Name rootName = name("keychain4j testing root");
    try {
      this.root =
          AttestationCertificates.issue(
              AttestationCertificates.ca(
                  rootName, AttestationAuthority.spki(rootPair.getPublic()), notBefore, notAfter, null),
              rootName,
              ROOT_SIGNATURE,
              tbs -> sign(rootPair.getPrivate(), ROOT_SIGNATURE, tbs));
      this.intermediate =
          AttestationCertificates.issue(
              AttestationCertificates.ca(
                  name("keychain4j testing attestation key"),
                  AttestationAuthority.spki(intermediatePair.getPublic()),
                  notBefore,
                  notAfter,
                  0),
              rootName,
              ROOT_SIGNATURE,
              tbs -> sign(rootPair.getPrivate(), ROOT_SIGNATURE, tbs));
    } catch (KeychainException e) {
      throw new IllegalStateException("Creating the test root of an emulated device failed", e);
    }
    this.intermediateKey = intermediatePair.getPrivate();
  }

  /** Starts a builder for a TEE device with a locked bootloader and verified boot. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the device's test root, the trust anchor to configure in the verifier under test. */
  public X509Certificate testRoot() {
    return root;
  }

  /** Returns {@link #testRoot()} as PEM text. */
  public String testRootPem() {
    return AttestedKey.pem(List.of(root));
  }

  public SecurityLevel securityLevel() {
    return securityLevel;
  }

  /**
   * Generates a key pair with the parameters' algorithm and returns it with its attestation chain.
   *
   * @throws IllegalArgumentException if the challenge is longer than 128 bytes
   */
  public AttestedKey generateKey(KeyParameters parameters, byte[] challenge) {
    KeyPair pair = generateKeyPair(parameters.algorithm());
    return new AttestedKey(pair, attest(pair.getPublic(), parameters, challenge));
  }

  /**
   * Returns an attestation chain (leaf, intermediate, test root) for a public key made elsewhere,
   * described by {@code parameters}, created now.
   *
   * @throws IllegalArgumentException if the challenge is longer than 128 bytes
   */
  public List<X509Certificate> attest(PublicKey publicKey, KeyParameters parameters, byte[] challenge) {
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(challenge, "challenge");
    KeyDescriptionEncoder.checkChallenge(challenge);
    Instant created = Instant.ofEpochMilli(System.currentTimeMillis());

    AuthorizationListEncoder softwareEnforced = new AuthorizationListEncoder();
    AuthorizationListEncoder hardwareEnforced = new AuthorizationListEncoder();
    KeyParameters authorizations = parameters.withoutLabel();
    KeyDescriptionEncoder.addKeyAuthorizations(
        authorizations,
        EnumSet.allOf(AuthorizationTag.class),
        securityLevel,
        created,
        application,
        softwareEnforced,
        hardwareEnforced);
    AuthorizationListEncoder deviceList =
        securityLevel == SecurityLevel.SOFTWARE ? softwareEnforced : hardwareEnforced;
    deviceList.rootOfTrust(
        verifiedBootKey, deviceLocked, verifiedBootState.keyMintValue(), verifiedBootHash);
    deviceList.osVersion(osVersion);
    deviceList.osPatchLevel(osPatchLevel.getYear() * 100 + osPatchLevel.getMonthValue());
    deviceList.vendorPatchLevel(yyyyMmDd(vendorPatchLevel));
    deviceList.bootPatchLevel(yyyyMmDd(bootPatchLevel));
    byte[] keyDescription =
        KeyDescriptionEncoder.encode(securityLevel, challenge, softwareEnforced, hardwareEnforced);

    try {
      X509Certificate leaf =
          AttestationCertificates.issue(
              AttestationCertificates.leaf(
                  AttestationAuthority.leafSubject(authorizations.purposes(), publicKey),
                  AttestationAuthority.spki(publicKey),
                  authorizations.purposes(),
                  created.truncatedTo(ChronoUnit.SECONDS),
                  keyDescription),
              X500Name.getInstance(intermediate.getSubjectX500Principal().getEncoded()),
              INTERMEDIATE_SIGNATURE,
              tbs -> sign(intermediateKey, INTERMEDIATE_SIGNATURE, tbs));
      return List.of(leaf, intermediate, root);
    } catch (KeychainException e) {
      throw new IllegalStateException("Signing an emulated attestation certificate failed", e);
    }
  }

  private static int yyyyMmDd(LocalDate date) {
    return date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
  }

  private static X500Name name(String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, "keychain4j testing")
        .addRDN(BCStyle.CN, commonName)
        .build();
  }

  private static byte[] sign(PrivateKey key, SignatureSpec spec, byte[] toBeSigned)
      throws KeychainException {
    try {
      Signature signature = Signature.getInstance(spec.jcaAlgorithm(), PROVIDER);
      signature.initSign(key);
      signature.update(toBeSigned);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new KeychainException("Signing with " + spec + " failed", e);
    }
  }

  private KeyPair generateKeyPair(KeyAlgorithm algorithm) {
    try {
      KeyPairGenerator generator;
      switch (algorithm.family()) {
        case EC:
          generator = KeyPairGenerator.getInstance("EC", PROVIDER);
          generator.initialize(new ECGenParameterSpec(curveName(algorithm)), random);
          break;
        case ED25519:
          generator = KeyPairGenerator.getInstance("Ed25519", PROVIDER);
          break;
        case X25519:
          generator = KeyPairGenerator.getInstance("X25519", PROVIDER);
          break;
        default:
          generator = KeyPairGenerator.getInstance("RSA", PROVIDER);
          generator.initialize(
              new RSAKeyGenParameterSpec(rsaBits(algorithm), RSAKeyGenParameterSpec.F4), random);
          break;
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Generating a " + algorithm.cliName() + " key failed", e);
    }
  }

  private static String curveName(KeyAlgorithm algorithm) {
    switch (algorithm) {
      case EC_P256:
        return "secp256r1";
      case EC_P384:
        return "secp384r1";
      default:
        return "secp521r1";
    }
  }

  private static int rsaBits(KeyAlgorithm algorithm) {
    switch (algorithm) {
      case RSA_2048:
        return 2048;
      case RSA_3072:
        return 3072;
      default:
        return 4096;
    }
  }

  @Override
  public String toString() {
    return "EmulatedAndroidDevice{securityLevel=" + securityLevel + ", verifiedBootState="
        + verifiedBootState + ", deviceLocked=" + deviceLocked + ", osVersion=" + osVersion + "}";
  }

  /** A validating builder; every value has a default of a patched Android 14 device. */
  public static final class Builder {
    private SecurityLevel securityLevel = SecurityLevel.TRUSTED_ENVIRONMENT;
    private VerifiedBootState verifiedBootState = VerifiedBootState.VERIFIED;
    private boolean deviceLocked = true;
    private byte[] verifiedBootKey = new byte[32];
    private byte[] verifiedBootHash = new byte[32];
    private int osVersion = 140000;
    private YearMonth osPatchLevel = YearMonth.of(2024, 8);
    private LocalDate vendorPatchLevel = LocalDate.of(2024, 8, 5);
    private LocalDate bootPatchLevel = LocalDate.of(2024, 8, 5);
    private @Nullable ApplicationIdentity application;

    private Builder() {
      // A recognizable non-zero boot key, so that tests can tell it from an absent value.
      java.util.Arrays.fill(verifiedBootKey, (byte) 0x5a);
    }

    /** Sets the security level of the attestation and of KeyMint. Default TRUSTED_ENVIRONMENT. */
    public Builder securityLevel(SecurityLevel securityLevel) {
      this.securityLevel = Objects.requireNonNull(securityLevel, "securityLevel");
      return this;
    }

    /** Sets the RootOfTrust's boot state and bootloader lock. Default VERIFIED and locked. */
    public Builder verifiedBoot(VerifiedBootState state, boolean deviceLocked) {
      this.verifiedBootState = Objects.requireNonNull(state, "state");
      this.deviceLocked = deviceLocked;
      return this;
    }

    /**
     * Sets the RootOfTrust's verified boot key digest and boot hash.
     *
     * @throws IllegalArgumentException if either is not 32 bytes
     */
    public Builder verifiedBootKeyAndHash(byte[] bootKey, byte[] bootHash) {
      if (bootKey.length != 32 || bootHash.length != 32) {
        throw new IllegalArgumentException(
            "Invalid verified boot key of " + bootKey.length + " bytes or hash of "
                + bootHash.length + " bytes: give SHA-256 values of 32 bytes each");
      }
      this.verifiedBootKey = bootKey.clone();
      this.verifiedBootHash = bootHash.clone();
      return this;
    }

    /**
     * Sets the OS version in KeyMint's MMmmpp form (140000 is Android 14).
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder osVersion(int osVersion) {
      if (osVersion < 0) {
        throw new IllegalArgumentException(
            "Invalid OS version " + osVersion + ": give MMmmpp, such as 140000 for Android 14");
      }
      this.osVersion = osVersion;
      return this;
    }

    public Builder osPatchLevel(YearMonth level) {
      this.osPatchLevel = Objects.requireNonNull(level, "level");
      return this;
    }

    public Builder vendorPatchLevel(LocalDate level) {
      this.vendorPatchLevel = Objects.requireNonNull(level, "level");
      return this;
    }

    public Builder bootPatchLevel(LocalDate level) {
      this.bootPatchLevel = Objects.requireNonNull(level, "level");
      return this;
    }

    /** Sets the app that generates keys, reported in attestationApplicationId. Default none. */
    public Builder application(@Nullable ApplicationIdentity application) {
      this.application = application;
      return this;
    }

    /** Builds the device, generating its test root and intermediate. */
    public EmulatedAndroidDevice build() {
      return new EmulatedAndroidDevice(this);
    }
  }
}
