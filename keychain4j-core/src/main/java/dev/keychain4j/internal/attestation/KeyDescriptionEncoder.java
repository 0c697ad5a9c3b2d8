package dev.keychain4j.internal.attestation;

import dev.keychain4j.AccessControl;
import dev.keychain4j.ApplicationIdentity;
import dev.keychain4j.AuthenticatorType;
import dev.keychain4j.AuthorizationTag;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.Padding;
import dev.keychain4j.SecurityLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.jspecify.annotations.Nullable;

/**
 * Encodes the Android KeyDescription (the value of certificate extension
 * 1.3.6.1.4.1.11129.2.1.17) with the structure of attestation version 400 (Android 14):
 *
 * <pre>
 * KeyDescription ::= SEQUENCE {
 *   attestationVersion INTEGER (400), attestationSecurityLevel ENUMERATED,
 *   keyMintVersion INTEGER (400), keyMintSecurityLevel ENUMERATED,
 *   attestationChallenge OCTET STRING, uniqueId OCTET STRING (empty),
 *   softwareEnforced AuthorizationList, hardwareEnforced AuthorizationList }
 * </pre>
 *
 * <p>Split rule: an authorization goes into {@code hardwareEnforced} only when the secure element
 * enforces it itself <em>and</em> the element's security level is above SOFTWARE. Everything
 * else, including all authorizations of the software enclave, goes into {@code softwareEnforced}.
 * So a relying party that trusts only {@code hardwareEnforced}, as Android verifiers do, trusts
 * nothing that software enforces. The creation time and the application identity are recorded by
 * the library and always go into {@code softwareEnforced}, as Android's Keystore places them; the
 * origin and noAuthRequired follow the element.
 */
public final class KeyDescriptionEncoder {
  /** The attestation version whose structure this encoder follows. */
  public static final int ATTESTATION_VERSION = 400;

  /** The KeyMint version reported beside it. */
  public static final int KEYMINT_VERSION = 400;

  /** Longest accepted challenge in bytes, KeyMint's limit. */
  public static final int MAX_CHALLENGE_LENGTH = 128;

  private static final long HARDWARE_AUTHENTICATOR_PASSWORD = 1;
  private static final long HARDWARE_AUTHENTICATOR_FINGERPRINT = 2;

  private KeyDescriptionEncoder() {}

  /**
   * Adds a key's authorizations to the two lists by the split rule of this class.
   *
   * @param elementEnforced the authorizations the secure element enforces itself
   */
  public static void addKeyAuthorizations(
      KeyParameters parameters,
      Set<AuthorizationTag> elementEnforced,
      SecurityLevel elementLevel,
      Instant creationTime,
      @Nullable ApplicationIdentity application,
      AuthorizationListEncoder softwareEnforced,
      AuthorizationListEncoder hardwareEnforced) {
    boolean hardware = elementLevel != SecurityLevel.SOFTWARE;
    for (AuthorizationTag tag : AuthorizationTag.values()) {
      AuthorizationListEncoder list =
          hardware && elementEnforced.contains(tag) ? hardwareEnforced : softwareEnforced;
      addTag(parameters, tag, list);
    }
    AuthorizationListEncoder elementList = hardware ? hardwareEnforced : softwareEnforced;
    Optional<AccessControl> authentication =
        parameters.accessControl().filter(AccessControl::requiresAuthentication);
    if (authentication.isPresent()) {
      addUserAuthentication(authentication.get(), parameters, elementList);
    } else {
      elementList.noAuthRequired();
    }
    elementList.origin(AuthorizationListEncoder.ORIGIN_GENERATED);
    softwareEnforced.creationDateTime(creationTime);
    if (application != null) {
      softwareEnforced.applicationId(application);
    }
  }

  /**
   * Adds the user authentication of an access control in KeyMint's terms: device-passcode is
   * PASSWORD (1) and either biometry is FINGERPRINT (2) in userAuthType, user-presence is
   * trustedUserPresenceRequired, and the validity window is authTimeout. KeyMint's bitmask means
   * "any of these types", so it cannot express an AND of two types: such a key reports both bits,
   * and the keychain still requires both.
   */
  private static void addUserAuthentication(
      AccessControl control, KeyParameters parameters, AuthorizationListEncoder list) {
    long hardwareTypes = 0;
    if (control.types().contains(AuthenticatorType.DEVICE_PASSCODE)) {
      hardwareTypes |= HARDWARE_AUTHENTICATOR_PASSWORD;
    }
    if (control.types().contains(AuthenticatorType.BIOMETRY_ANY)
        || control.types().contains(AuthenticatorType.BIOMETRY_CURRENT_SET)) {
      hardwareTypes |= HARDWARE_AUTHENTICATOR_FINGERPRINT;
    }
    if (hardwareTypes != 0) {
      list.userAuthType(hardwareTypes);
    }
    parameters.authTimeoutSeconds().ifPresent(list::authTimeout);
    if (control.types().contains(AuthenticatorType.USER_PRESENCE)) {
      list.trustedUserPresenceRequired();
    }
  }

  private static void addTag(
      KeyParameters parameters, AuthorizationTag tag, AuthorizationListEncoder list) {
    switch (tag) {
      case ALGORITHM:
        list.algorithm(parameters.algorithm());
        break;
      case PURPOSE:
        list.purposes(parameters.purposes());
        break;
      case DIGEST:
        list.digests(parameters.digests());
        break;
      case PADDING:
        if (!parameters.paddings().isEmpty()) {
          list.paddings(parameters.paddings());
          if (parameters.paddings().contains(Padding.RSA_OAEP)) {
            list.oaepMgfDigests(parameters.digests());
          }
        }
        break;
      case ACTIVE_FROM:
        parameters.activeFrom().ifPresent(list::activeDateTime);
        break;
      case ORIGINATION_END:
        parameters.originationEnd().ifPresent(list::originationExpireDateTime);
        break;
      case CONSUMPTION_END:
        parameters.consumptionEnd().ifPresent(list::usageExpireDateTime);
        break;
      case USAGE_LIMIT:
        parameters.usageLimit().ifPresent(list::usageCountLimit);
        break;
      default:
        throw new IllegalStateException("Unhandled authorization " + tag);
    }
  }

  /**
   * Checks the challenge length.
   *
   * @throws IllegalArgumentException if the challenge is longer than {@link
   *     #MAX_CHALLENGE_LENGTH} bytes
   */
  public static void checkChallenge(byte[] challenge) {
    if (challenge.length > MAX_CHALLENGE_LENGTH) {
      throw new IllegalArgumentException(
          "Attestation challenge of " + challenge.length + " bytes is too long: give at most "
              + MAX_CHALLENGE_LENGTH + " bytes, as Android KeyMint accepts");
    }
  }

  /**
   * Returns the DER of a KeyDescription. The same security level is reported for the attestation
   * and for KeyMint, because one element both contains the key and signs the attestation.
   *
   * @throws IllegalArgumentException if the challenge is longer than {@link #MAX_CHALLENGE_LENGTH}
   */
  public static byte[] encode(
      SecurityLevel level,
      byte[] challenge,
      AuthorizationListEncoder softwareEnforced,
      AuthorizationListEncoder hardwareEnforced) {
    checkChallenge(challenge);
    ASN1EncodableVector fields = new ASN1EncodableVector();
    fields.add(new ASN1Integer(ATTESTATION_VERSION));
    fields.add(new ASN1Enumerated(securityLevelValue(level)));
    fields.add(new ASN1Integer(KEYMINT_VERSION));
    fields.add(new ASN1Enumerated(securityLevelValue(level)));
    fields.add(new DEROctetString(challenge));
    fields.add(new DEROctetString(new byte[0]));
    fields.add(softwareEnforced.toSequence());
    fields.add(hardwareEnforced.toSequence());
    try {
      return new DERSequence(fields).getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new UncheckedIOException("DER encoding in memory failed", e);
    }
  }

  /** Returns the KeyMint {@code SecurityLevel} value: 0 software, 1 TEE, 2 StrongBox. */
  static int securityLevelValue(SecurityLevel level) {
    switch (level) {
      case SOFTWARE:
        return 0;
      case TRUSTED_ENVIRONMENT:
        return 1;
      case STRONGBOX:
        return 2;
      default:
        throw new IllegalStateException("Unhandled security level " + level);
    }
  }
}
