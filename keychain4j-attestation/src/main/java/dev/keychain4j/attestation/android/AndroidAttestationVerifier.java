package dev.keychain4j.attestation.android;

import dev.keychain4j.attestation.android.internal.LinkCache;
import dev.keychain4j.attestation.android.internal.MalformedCertificateException;
import dev.keychain4j.attestation.android.internal.ParsedCertificate;
import dev.keychain4j.attestation.android.internal.PemChain;
import dev.keychain4j.attestation.android.internal.PublicKeyCache;
import dev.keychain4j.attestation.android.internal.SignatureChecker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies Android key attestation certificate chains (Keymaster and KeyMint, attestation versions
 * 1 to 500).
 *
 * <p>Each link is checked here, not by the JDK's PKIX validator, whose rules real factory chains
 * break. The verifier builds the path from the leaf to a trust anchor matched by public key,
 * whether or not the root is in the chain. Every issuer must be a CA, and a certificate signed by
 * an attested key is rejected unless that key is an attest key. Validity dates are checked only for
 * remotely provisioned and custom intermediates, because the 2016 factory root expired in 2026
 * while devices that carry it stay in use, and leaf dates carry no meaning. Every serial number is
 * checked against the revocation status list, then the challenge, replay and policy checks run.
 * Verified issuer-to-subject links are cached by the certificates' bytes, except the leaf's link,
 * which is new in each attestation and verified on every call.
 *
 * <p>Instances are thread-safe and meant to be shared. Configuration is fixed by the {@link
 * Builder}.
 *
 * <p>Limitations: the chain must be ordered leaf first, as Android returns it. When the leaf is
 * signed by an attest key, that key's own KeyDescription is checked for the ATTEST_KEY purpose
 * only, not against the policy. The pathLenConstraint of an anchor that is not in the chain is not
 * checked.
 */
public final class AndroidAttestationVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(AndroidAttestationVerifier.class);
  private static final int DEFAULT_LINK_CACHE_SIZE = 4096;
  private static final int PUBLIC_KEY_CACHE_SIZE = 1024;

  private final Map<ByteBuffer, List<Anchor>> anchorsByKey;
  private final Set<ByteBuffer> googleHardwareKeys;
  private final boolean strict;
  private final @Nullable RevocationSource revocationSource;
  private final boolean failOpenRevocation;
  private final byte @Nullable [] expectedChallenge;
  private final @Nullable ChallengeReplayCache replayCache;
  private final AttestationPolicy policy;
  private final Clock clock;
  private final LinkCache linkCache;
  private final @Nullable PublicKeyCache publicKeys;

  /** A trust anchor: a certificate and the class of root it stands for. */
  private record Anchor(ParsedCertificate certificate, RootClass rootClass) {}

  private AndroidAttestationVerifier(Builder builder) {
    this.googleHardwareKeys = new HashSet<>();
    for (ParsedCertificate root : loadResource("google-hardware-roots.pem")) {
      googleHardwareKeys.add(ByteBuffer.wrap(root.publicKeyInfo()));
    }
    this.anchorsByKey = new HashMap<>();
    List<ParsedCertificate> trusted =
        builder.anchors == null ? loadResource("google-hardware-roots.pem") : builder.anchors;
    for (ParsedCertificate anchor : trusted) {
      ByteBuffer key = ByteBuffer.wrap(anchor.publicKeyInfo());
      RootClass rootClass =
          googleHardwareKeys.contains(key) ? RootClass.GOOGLE_HARDWARE : RootClass.CUSTOM;
      anchorsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new Anchor(anchor, rootClass));
    }
    // Software roots are always recognized so that such chains are reported as software, never
    // as untrusted or hardware; the policy decides whether they are accepted.
    for (ParsedCertificate anchor : loadResource("google-software-roots.pem")) {
      anchorsByKey
          .computeIfAbsent(ByteBuffer.wrap(anchor.publicKeyInfo()), k -> new ArrayList<>())
          .add(new Anchor(anchor, RootClass.GOOGLE_SOFTWARE));
    }
    this.strict = builder.strict;
    this.revocationSource = builder.revocationSource;
    this.failOpenRevocation = builder.failOpenRevocation;
    this.expectedChallenge = builder.expectedChallenge;
    this.replayCache = builder.replayCache;
    this.policy = builder.policy;
    this.clock = builder.clock;
    this.linkCache = new LinkCache(builder.linkCacheSize);
    this.publicKeys = builder.linkCacheSize == 0 ? null : new PublicKeyCache(PUBLIC_KEY_CACHE_SIZE);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Verifies a chain given as PEM text, leaf first, with the configured challenge. */
  public AndroidAttestationResult verifyPem(String pem) {
    List<byte[]> chain;
    try {
      chain = PemChain.decode(pem);
    } catch (IllegalArgumentException e) {
      return reject(ReasonCode.MALFORMED_CERTIFICATE, null, e.getMessage(), null);
    }
    return new Run(chain, expectedChallenge).verify();
  }

  /** Verifies a chain of DER certificates, leaf first, with the configured challenge. */
  public AndroidAttestationResult verifyDer(List<byte[]> chain) {
    return new Run(chain, expectedChallenge).verify();
  }

  /**
   * Verifies a chain of DER certificates, leaf first, against this request's challenge, which
   * replaces the one configured in the builder. The challenge is compared in constant time.
   */
  public AndroidAttestationResult verifyDer(List<byte[]> chain, byte[] expectedChallenge) {
    return new Run(chain, Objects.requireNonNull(expectedChallenge, "expectedChallenge")).verify();
  }

  /** Verifies a chain, leaf first, with the configured challenge. */
  public AndroidAttestationResult verify(List<X509Certificate> chain) {
    List<byte[]> der = encode(chain);
    return der == null
        ? reject(ReasonCode.MALFORMED_CERTIFICATE, null, "a certificate cannot be encoded", null)
        : verifyDer(der);
  }

  /**
   * Verifies a chain, leaf first, against this request's challenge, which replaces the one
   * configured in the builder. The challenge is compared in constant time.
   */
  public AndroidAttestationResult verify(List<X509Certificate> chain, byte[] expectedChallenge) {
    Objects.requireNonNull(expectedChallenge, "expectedChallenge");
    List<byte[]> der = encode(chain);
    return der == null
        ? reject(ReasonCode.MALFORMED_CERTIFICATE, null, "a certificate cannot be encoded", null)
        : verifyDer(der, expectedChallenge);
  }

  private static @Nullable List<byte[]> encode(List<X509Certificate> chain) {
    List<byte[]> der = new ArrayList<>();
    for (X509Certificate certificate : chain) {
      try {
        der.add(certificate.getEncoded());
      } catch (CertificateEncodingException e) {
        return null;
      }
    }
    return der;
  }

  /** One verification: the state shared by its steps. */
  private final class Run {
    private final List<byte[]> der;
    private final byte @Nullable [] challenge;
    private final List<ParsedCertificate> certificates = new ArrayList<>();
    private final List<AttestationWarning> warnings = new ArrayList<>();
    private @Nullable KeyDescription description;
    private RootClass rootClass = RootClass.UNTRUSTED;
    private ProvisioningMethod provisioning = ProvisioningMethod.UNKNOWN;
    private @Nullable SecurityLevel effectiveLevel;

    Run(List<byte[]> der, byte @Nullable [] challenge) {
      this.der = der;
      this.challenge = challenge;
    }

    AndroidAttestationResult verify() {
      if (der.isEmpty()) {
        return fail(ReasonCode.MALFORMED_CERTIFICATE, null, "the chain is empty");
      }
      for (int i = 0; i < der.size(); i++) {
        try {
          certificates.add(ParsedCertificate.parse(der.get(i)));
        } catch (MalformedCertificateException e) {
          return fail(ReasonCode.MALFORMED_CERTIFICATE, i, e.getMessage());
        }
      }
      int last = certificates.size() - 1;

      // The leaf's KeyDescription.
      byte[] extension = certificates.get(0).attestationExtension();
      if (extension == null) {
        return fail(
            ReasonCode.MISSING_ATTESTATION_EXTENSION,
            0,
            "the leaf has no extension " + KeyDescription.OID);
      }
      try {
        description = KeyDescription.parse(extension);
      } catch (KeyDescriptionParseException e) {
        return fail(ReasonCode.MALFORMED_EXTENSION, 0, e.getMessage());
      }
      warnings.addAll(description.warnings());

      // Only the leaf may carry the extension, except that the certificate right above it may be
      // an attest key's certificate (KeyMint's ATTEST_KEY purpose). Any other certificate with the
      // extension means a chain was extended with a certificate signed by an attested key.
      boolean attestKeyChain = false;
      for (int i = 1; i <= last; i++) {
        byte[] above = certificates.get(i).attestationExtension();
        if (above == null) {
          continue;
        }
        KeyDescription issuerDescription;
        try {
          issuerDescription = KeyDescription.parse(above);
        } catch (KeyDescriptionParseException e) {
          return fail(ReasonCode.MALFORMED_EXTENSION, i, e.getMessage());
        }
        if (i == 1 && issuerDescription.isAttestKey()) {
          // NOTE: the attest key's own security level and boot state are not checked.
          attestKeyChain = true;
          continue;
        }
        return fail(
            ReasonCode.ATTESTED_KEY_SIGNED_CERTIFICATE,
            i - 1,
            "certificate "
                + (i - 1)
                + " is signed by the key attested in certificate "
                + i
                + (i == 1 ? ", which lacks the ATTEST_KEY purpose" : ", and only the leaf may be"));
      }

      // Find the anchor: the first certificate above the leaf whose key is trusted, or else an
      // anchor that issued the topmost certificate.
      int anchorIndex = -1;
      Anchor anchor = null;
      for (int i = 1; i <= last && anchor == null; i++) {
        List<Anchor> candidates =
            anchorsByKey.get(ByteBuffer.wrap(certificates.get(i).publicKeyInfo()));
        if (candidates != null) {
          anchorIndex = i;
          anchor = candidates.get(0);
        }
      }
      if (anchor != null && anchorIndex < last) {
        return fail(
            ReasonCode.CHAIN_CONTINUES_AFTER_ANCHOR,
            anchorIndex + 1,
            "certificate " + (anchorIndex + 1) + " follows the trust anchor at " + anchorIndex);
      }
      int pathEnd = anchor == null ? last : anchorIndex;

      // An unanchored chain is reported as such before its links are examined.
      ParsedCertificate top = certificates.get(last);
      List<Anchor> issuingAnchors = anchor == null ? anchorsNamed(top.issuer()) : List.of();
      if (anchor == null && issuingAnchors.isEmpty()) {
        return fail(
            ReasonCode.UNTRUSTED_ROOT,
            last,
            "certificate "
                + last
                + " ("
                + top.subjectText()
                + ") is not a trust anchor and no trust anchor is named as its issuer");
      }

      // Each link: name chaining, key type, CA flag and signature.
      for (int i = 0; i < pathEnd; i++) {
        ParsedCertificate subject = certificates.get(i);
        ParsedCertificate issuer = certificates.get(i + 1);
        boolean issuerIsAttestKey = i == 0 && attestKeyChain;
        if (!issuerIsAttestKey && !issuer.isCa()) {
          return fail(
              ReasonCode.ISSUER_NOT_CA,
              i + 1,
              "certificate "
                  + (i + 1)
                  + " issues certificate "
                  + i
                  + " but is not a CA (basicConstraints cA is not true)");
        }
        AndroidAttestationResult linkFailure = checkLink(subject, issuer, i);
        if (linkFailure != null) {
          return linkFailure;
        }
      }

      if (anchor != null) {
        ParsedCertificate root = certificates.get(anchorIndex);
        if (root.isSelfIssued()) {
          AndroidAttestationResult selfSignature = checkLink(root, root, anchorIndex);
          if (selfSignature != null) {
            return selfSignature;
          }
        }
      } else {
        // Several anchors may share the name; the first whose key verifies the link is used.
        AndroidAttestationResult linkFailure = null;
        for (Anchor candidate : issuingAnchors) {
          linkFailure = checkLink(top, candidate.certificate(), last);
          if (linkFailure == null) {
            anchor = candidate;
            break;
          }
        }
        if (anchor == null) {
          return Objects.requireNonNull(linkFailure);
        }
      }
      rootClass = anchor.rootClass();

      AndroidAttestationResult pathLength = checkPathLength(pathEnd, attestKeyChain);
      if (pathLength != null) {
        return pathLength;
      }

      boolean remote = false;
      for (int i = 1; i <= pathEnd; i++) {
        remote |= certificates.get(i).isRemoteProvisioningCa();
      }
      if (remote) {
        provisioning = ProvisioningMethod.REMOTE;
      } else if (rootClass == RootClass.GOOGLE_HARDWARE || rootClass == RootClass.GOOGLE_SOFTWARE) {
        provisioning = ProvisioningMethod.FACTORY;
      }
      effectiveLevel =
          rootClass == RootClass.GOOGLE_SOFTWARE
              ? SecurityLevel.SOFTWARE
              : description.attestationSecurityLevel();

      // Factory intermediates live as long as the device, so their dates are not checked; remote
      // and custom intermediates are short-lived by design, so they are.
      if (provisioning != ProvisioningMethod.FACTORY) {
        Instant now = clock.instant();
        int firstIntermediate = attestKeyChain ? 2 : 1;
        int lastIntermediate = anchorIndex >= 0 ? anchorIndex - 1 : last;
        for (int i = firstIntermediate; i <= lastIntermediate; i++) {
          Instant notBefore;
          Instant notAfter;
          try {
            notBefore = certificates.get(i).notBefore();
            notAfter = certificates.get(i).notAfter();
          } catch (MalformedCertificateException e) {
            return fail(ReasonCode.MALFORMED_CERTIFICATE, i, e.getMessage());
          }
          if (now.isAfter(notAfter)) {
            return fail(
                ReasonCode.CERTIFICATE_EXPIRED,
                i,
                "certificate " + i + " expired at " + notAfter + ", before " + now);
          }
          if (now.isBefore(notBefore)) {
            return fail(
                ReasonCode.CERTIFICATE_NOT_YET_VALID,
                i,
                "certificate " + i + " is valid from " + notBefore + ", after " + now);
          }
        }
      }

      if (strict) {
        for (AttestationWarning warning : description.warnings()) {
          if (warning.code().isEncodingDeviation()) {
            return fail(ReasonCode.ENCODING_DEVIATION, 0, "strict mode: " + warning.message());
          }
        }
      }

      if (challenge != null
          && !MessageDigest.isEqual(challenge, description.attestationChallenge())) {
        return fail(
            ReasonCode.CHALLENGE_MISMATCH,
            0,
            "attestationChallenge differs from the expected challenge");
      }

      if (rootClass == RootClass.GOOGLE_SOFTWARE
          && policy.minSecurityLevel() != SecurityLevel.SOFTWARE) {
        return fail(
            ReasonCode.SOFTWARE_ROOT,
            pathEnd,
            "the chain ends at the software attestation root, and the policy requires "
                + policy.minSecurityLevel());
      }
      AttestationPolicy.Rejection rejection = policy.check(description, effectiveLevel);
      if (rejection != null) {
        return fail(rejection.reason(), 0, rejection.rule());
      }

      AndroidAttestationResult revocation = checkRevocation(pathEnd);
      if (revocation != null) {
        return revocation;
      }

      // Recorded last, so that a chain rejected for another reason does not use up the challenge.
      if (replayCache != null && !replayCache.recordFirstUse(description.attestationChallenge())) {
        return fail(ReasonCode.CHALLENGE_REPLAYED, 0, "the attestation challenge was used before");
      }

      addUncheckedWarnings();
      return new AndroidAttestationResult(
          ReasonCode.OK,
          null,
          null,
          rootClass,
          provisioning,
          description,
          effectiveLevel,
          warnings);
    }

    private @Nullable AndroidAttestationResult checkLink(
        ParsedCertificate subject, ParsedCertificate issuer, int index) {
      if (!subject.issuer().equals(issuer.subject())) {
        return fail(
            ReasonCode.ISSUER_MISMATCH,
            index,
            "certificate "
                + index
                + " names issuer "
                + subject.issuerText()
                + " but the next certificate is "
                + issuer.subjectText());
      }
      String reason = linkProblem(subject, issuer);
      if (reason != null) {
        ReasonCode code =
            reason.startsWith("unsupported")
                ? ReasonCode.UNSUPPORTED_SIGNATURE_ALGORITHM
                : ReasonCode.ISSUER_MISMATCH;
        return fail(code, index, "certificate " + index + ": " + reason);
      }
      // Each attestation has a new leaf, so caching its link would only evict useful entries.
      if (!verifySignature(subject, issuer, index > 0)) {
        return fail(
            ReasonCode.SIGNATURE_INVALID,
            index,
            "the signature of certificate "
                + index
                + " does not verify under the key of "
                + issuer.subjectText());
      }
      return null;
    }

    /**
     * Records the checks that passed only because the caller did not request them, so that a
     * server can tell a trusted verdict that says nothing about the challenge or the boot state.
     */
    private void addUncheckedWarnings() {
      if (challenge == null) {
        warnings.add(
            new AttestationWarning(
                WarningCode.CHALLENGE_NOT_CHECKED,
                null,
                "no expected challenge was given, so the attestation may be replayed"));
      }
      if (policy.requiresLockedAndVerifiedBoot()) {
        return;
      }
      RootOfTrust root =
          Objects.requireNonNull(description).hardwareEnforced().rootOfTrust().orElse(null);
      if (root == null) {
        warnings.add(
            new AttestationWarning(
                WarningCode.ROOT_OF_TRUST_MISSING,
                KeyMintTag.ROOT_OF_TRUST.number(),
                "hardwareEnforced has no rootOfTrust, so the boot state is unknown"));
        return;
      }
      if (!root.deviceLocked()) {
        warnings.add(
            new AttestationWarning(
                WarningCode.BOOTLOADER_UNLOCKED,
                KeyMintTag.ROOT_OF_TRUST.number(),
                "the bootloader is unlocked (rootOfTrust.deviceLocked is false)"));
      }
      if (root.verifiedBootState() != VerifiedBootState.VERIFIED) {
        warnings.add(
            new AttestationWarning(
                WarningCode.BOOT_NOT_VERIFIED,
                KeyMintTag.ROOT_OF_TRUST.number(),
                "the verified boot state is " + root.verifiedBootState() + ", not VERIFIED"));
      }
    }

    private @Nullable AndroidAttestationResult checkPathLength(
        int pathEnd, boolean attestKeyChain) {
      // pathLenConstraint counts the CA certificates below a CA, excluding the leaf; an attest
      // key's certificate is not a CA and does not count.
      for (int i = 1; i <= pathEnd; i++) {
        Integer limit = certificates.get(i).pathLength();
        int below = (i - 1) - (attestKeyChain ? 1 : 0);
        if (limit != null && below > limit) {
          return fail(
              ReasonCode.PATH_LENGTH_EXCEEDED,
              i,
              "certificate "
                  + i
                  + " allows "
                  + limit
                  + " CA certificates below it, the chain has "
                  + below);
        }
      }
      return null;
    }

    private @Nullable AndroidAttestationResult checkRevocation(int pathEnd) {
      if (revocationSource == null) {
        warnings.add(
            new AttestationWarning(
                WarningCode.REVOCATION_NOT_CHECKED,
                null,
                "the verifier was built without a revocation check"));
        return null;
      }
      RevocationList list;
      try {
        list = revocationSource.current();
      } catch (RevocationListException e) {
        if (failOpenRevocation) {
          warnings.add(
              new AttestationWarning(
                  WarningCode.REVOCATION_LIST_UNAVAILABLE,
                  null,
                  "revocation not checked, the status list is unavailable: " + e.getMessage()));
          return null;
        }
        return fail(ReasonCode.REVOCATION_LIST_UNAVAILABLE, null, e.getMessage());
      }
      for (int i = 0; i <= pathEnd; i++) {
        ParsedCertificate certificate = certificates.get(i);
        RevocationList.Entry entry = list.status(certificate.serialNumber()).orElse(null);
        if (entry != null) {
          return fail(
              ReasonCode.REVOKED,
              i,
              "serial number "
                  + certificate.serialNumber().toString(16)
                  + " of certificate "
                  + i
                  + " is "
                  + entry.status()
                  + " ("
                  + entry.reason()
                  + ")");
        }
      }
      return null;
    }

    private AndroidAttestationResult fail(
        ReasonCode reason, @Nullable Integer index, @Nullable String rule) {
      return new AndroidAttestationResult(
          reason, index, rule, rootClass, provisioning, description, effectiveLevel, warnings);
    }
  }

  private List<Anchor> anchorsNamed(org.bouncycastle.asn1.x500.X500Name name) {
    List<Anchor> named = new ArrayList<>();
    for (List<Anchor> anchors : anchorsByKey.values()) {
      for (Anchor candidate : anchors) {
        if (candidate.certificate().subject().equals(name)) {
          named.add(candidate);
        }
      }
    }
    return named;
  }

  /** Returns why the issuer's key cannot have made the subject's signature, or null. */
  private static @Nullable String linkProblem(ParsedCertificate subject, ParsedCertificate issuer) {
    if (!subject.signatureAlgorithm().equals(subject.tbsSignatureAlgorithm())) {
      return "the signature algorithm differs from the one inside the signed part";
    }
    if (!SignatureChecker.isSupported(subject.signatureAlgorithm())) {
      return "unsupported signature algorithm " + subject.signatureAlgorithm().getAlgorithm();
    }
    String keyAlgorithm = SignatureChecker.requiredKeyAlgorithm(subject.signatureAlgorithm());
    if (!issuer.publicKeyAlgorithm().equals(keyAlgorithm)) {
      return "signed with "
          + subject.signatureAlgorithm().getAlgorithm()
          + " but the issuer's key has algorithm "
          + issuer.publicKeyAlgorithm();
    }
    return null;
  }

  private boolean verifySignature(
      ParsedCertificate subject, ParsedCertificate issuer, boolean cacheable) {
    if (!linkCache.isEnabled()) {
      return SignatureChecker.verify(subject, issuer.publicKeyInfo());
    }
    if (!cacheable) {
      return SignatureChecker.verify(subject, issuer.publicKeyInfo(), publicKeys);
    }
    ByteBuffer key = LinkCache.key(issuer.derUnsafe(), subject.derUnsafe());
    if (linkCache.contains(key)) {
      return true;
    }
    boolean valid = SignatureChecker.verify(subject, issuer.publicKeyInfo(), publicKeys);
    if (valid) {
      linkCache.add(key);
    }
    return valid;
  }

  private static AndroidAttestationResult reject(
      ReasonCode reason,
      @Nullable Integer index,
      @Nullable String rule,
      @Nullable KeyDescription description) {
    return new AndroidAttestationResult(
        reason,
        index,
        rule,
        RootClass.UNTRUSTED,
        ProvisioningMethod.UNKNOWN,
        description,
        null,
        List.of());
  }

  private static List<ParsedCertificate> loadResource(String name) {
    try (InputStream in = AndroidAttestationVerifier.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing from the jar");
      }
      return parseAll(PemChain.decode(new String(in.readAllBytes(), StandardCharsets.US_ASCII)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + name, e);
    }
  }

  private static List<ParsedCertificate> parseAll(List<byte[]> der) {
    List<ParsedCertificate> parsed = new ArrayList<>();
    for (byte[] certificate : der) {
      try {
        parsed.add(ParsedCertificate.parse(certificate));
      } catch (MalformedCertificateException e) {
        throw new IllegalArgumentException(
            "trust anchor "
                + (parsed.size() + 1)
                + " is not a valid certificate: "
                + e.getMessage(),
            e);
      }
    }
    return parsed;
  }

  /**
   * Builds a verifier. Revocation needs an explicit choice; everything else has strict defaults.
   */
  public static final class Builder {
    private @Nullable List<ParsedCertificate> anchors;
    private boolean strict;
    private @Nullable RevocationSource revocationSource;
    private boolean revocationChosen;
    private boolean failOpenRevocation;
    private byte @Nullable [] expectedChallenge;
    private @Nullable ChallengeReplayCache replayCache;
    private AttestationPolicy policy = AttestationPolicy.defaults();
    private Clock clock = Clock.systemUTC();
    private int linkCacheSize = DEFAULT_LINK_CACHE_SIZE;

    private Builder() {}

    /**
     * Replaces Google's hardware roots with these trust anchors, matched by public key. An anchor
     * whose key is Google's is still classified {@link RootClass#GOOGLE_HARDWARE}; others are
     * {@link RootClass#CUSTOM}.
     */
    public Builder trustAnchors(Collection<X509Certificate> roots) {
      if (roots.isEmpty()) {
        throw new IllegalArgumentException("trustAnchors needs at least one certificate");
      }
      List<byte[]> der = new ArrayList<>();
      for (X509Certificate root : roots) {
        try {
          der.add(root.getEncoded());
        } catch (CertificateEncodingException e) {
          throw new IllegalArgumentException(
              "cannot encode trust anchor " + root.getSubjectX500Principal(), e);
        }
      }
      this.anchors = parseAll(der);
      return this;
    }

    /** Replaces Google's hardware roots with the certificates in this PEM text. */
    public Builder trustAnchorsPem(String pem) {
      this.anchors = parseAll(PemChain.decode(pem));
      return this;
    }

    /** Rejects KeyDescription encoding deviations instead of recording them as warnings. */
    public Builder strict(boolean strict) {
      this.strict = strict;
      return this;
    }

    /** Checks every certificate's serial number against this status list source. */
    public Builder revocationSource(RevocationSource source) {
      this.revocationSource = Objects.requireNonNull(source, "source");
      this.revocationChosen = true;
      return this;
    }

    /** Builds a verifier that does not check revocation; results carry a warning saying so. */
    public Builder insecureSkipRevocationCheck() {
      this.revocationSource = null;
      this.revocationChosen = true;
      return this;
    }

    /**
     * Accepts chains when the status list cannot be loaded (with a warning in the result), instead
     * of rejecting them with {@link ReasonCode#REVOCATION_LIST_UNAVAILABLE}.
     */
    public Builder insecureFailOpenWhenRevocationListUnavailable() {
      this.failOpenRevocation = true;
      return this;
    }

    /** Sets the challenge every verification expects unless the call passes its own. */
    public Builder expectedChallenge(byte[] challenge) {
      this.expectedChallenge = challenge.clone();
      return this;
    }

    /** Rejects a challenge seen before; the challenge is recorded only when all else passed. */
    public Builder replayCache(ChallengeReplayCache cache) {
      this.replayCache = Objects.requireNonNull(cache, "cache");
      return this;
    }

    public Builder policy(AttestationPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Sets the clock that gives the verification instant (for validity checks). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how many verified links to keep. 0 turns off this cache and the cache of decoded issuer
     * keys. Default 4096.
     */
    public Builder linkCacheSize(int entries) {
      if (entries < 0) {
        throw new IllegalArgumentException("linkCacheSize must be 0 or more, got " + entries);
      }
      this.linkCacheSize = entries;
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @throws IllegalStateException when neither {@link #revocationSource} nor {@link
     *     #insecureSkipRevocationCheck} was chosen
     */
    public AndroidAttestationVerifier build() {
      if (!revocationChosen) {
        throw new IllegalStateException(
            "choose revocationSource(...) or insecureSkipRevocationCheck() before build()");
      }
      if (revocationSource == null) {
        // INFO, not WARN: the caller chose insecureSkipRevocationCheck() by name, and every result
        // carries a REVOCATION_NOT_CHECKED warning, which is where a server reads it.
        LOG.info("Android attestation verifier built without a revocation check");
      } else if (failOpenRevocation) {
        LOG.warn("Android attestation verifier accepts chains when the status list is unavailable");
      }
      return new AndroidAttestationVerifier(this);
    }
  }
}
