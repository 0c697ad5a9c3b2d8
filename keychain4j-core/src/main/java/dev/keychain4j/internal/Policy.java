package dev.keychain4j.internal;

import dev.keychain4j.AuthorizationTag;
import dev.keychain4j.Digest;
import dev.keychain4j.IncompatibleDigestException;
import dev.keychain4j.IncompatiblePaddingException;
import dev.keychain4j.IncompatiblePurposeException;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyExpiredException;
import dev.keychain4j.KeyNotYetValidException;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.KeychainException;
import dev.keychain4j.Padding;
import dev.keychain4j.Purpose;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks one use of a key against its authorizations, with the semantics of Android Keystore.
 * The software enclave checks every authorization; the keychain checks those its element does
 * not enforce.
 *
 * <p>Validity: a key is not yet valid while {@code now < activeFrom}. The origination end limits
 * SIGN, ENCRYPT and ATTEST_KEY, the consumption end limits VERIFY, DECRYPT and AGREE_KEY, and a
 * key is expired for them once {@code now > end}, so each bound is inside the window.
 */
public final class Policy {
  private Policy() {}

  /** Returns whether a purpose is limited by the origination end rather than the consumption end. */
  static boolean originates(Purpose purpose) {
    return purpose == Purpose.SIGN || purpose == Purpose.ENCRYPT || purpose == Purpose.ATTEST_KEY;
  }

  /**
   * Checks the authorizations in {@code enforced} for one use of the key.
   *
   * @param family the key family the operation needs, checked with the padding
   * @param digest the digest of the operation, or null for key agreement, which has none
   * @param padding the RSA padding of the operation, {@link Padding#NONE} for other keys
   */
  public static void check(
      String tag,
      KeyParameters authorizations,
      Set<AuthorizationTag> enforced,
      Purpose purpose,
      KeyAlgorithm.Family family,
      @Nullable Digest digest,
      Padding padding)
      throws KeychainException {
    if (enforced.isEmpty()) {
      return;
    }

    if (enforced.contains(AuthorizationTag.PURPOSE)
        && !authorizations.purposes().contains(purpose)) {
      throw new IncompatiblePurposeException(
          "Key '" + tag + "' does not allow purpose " + purpose.cliName() + "; it allows "
              + cliNames(authorizations.purposes()) + ". Generate a key with that purpose");
    }

    if (enforced.contains(AuthorizationTag.ALGORITHM)
        && authorizations.algorithm().family() != family) {
      throw new IncompatiblePaddingException(
          "Key '" + tag + "' is a " + authorizations.algorithm().cliName()
              + " key and cannot run a " + family.name().toLowerCase(java.util.Locale.ROOT)
              + " operation: use the signature scheme of its algorithm");
    }

    if (digest != null
        && enforced.contains(AuthorizationTag.DIGEST)
        && !authorizations.digests().contains(digest)) {
      throw new IncompatibleDigestException(
          "Key '" + tag + "' does not allow digest " + digest.cliName() + "; it allows "
              + digestNames(authorizations.digests()));
    }

    if (enforced.contains(AuthorizationTag.PADDING)
        && family == KeyAlgorithm.Family.RSA
        && !authorizations.paddings().contains(padding)) {
      throw new IncompatiblePaddingException(
          "Key '" + tag + "' does not allow padding " + padding.cliName() + "; it allows "
              + paddingNames(authorizations.paddings()));
    }

    checkValidity(tag, authorizations, enforced, purpose);
  }

  private static void checkValidity(
      String tag, KeyParameters authorizations, Set<AuthorizationTag> enforced, Purpose purpose)
      throws KeychainException {
    Optional<Instant> activeFrom =
        enforced.contains(AuthorizationTag.ACTIVE_FROM) ? authorizations.activeFrom() : Optional.empty();
    Optional<Instant> end;
    if (originates(purpose)) {
      end = enforced.contains(AuthorizationTag.ORIGINATION_END)
          ? authorizations.originationEnd()
          : Optional.empty();
    } else {
      end = enforced.contains(AuthorizationTag.CONSUMPTION_END)
          ? authorizations.consumptionEnd()
          : Optional.empty();
    }
    if (activeFrom.isEmpty() && end.isEmpty()) {
      return;
    }

    Instant now = Instant.now();
    if (activeFrom.isPresent() && now.isBefore(activeFrom.get())) {
      throw new KeyNotYetValidException(
          "Key '" + tag + "' is not valid before " + activeFrom.get() + ": retry after that time");
    }
    if (end.isPresent() && now.isAfter(end.get())) {
      String which = originates(purpose) ? "origination end" : "consumption end";
      throw new KeyExpiredException(
          "Key '" + tag + "' expired for " + purpose.cliName() + " at its " + which + " "
              + end.get() + ": generate a new key");
    }
  }

  private static String cliNames(Set<Purpose> purposes) {
    StringBuilder text = new StringBuilder();
    for (Purpose purpose : purposes) {
      text.append(text.length() == 0 ? "" : ",").append(purpose.cliName());
    }
    return text.toString();
  }

  private static String digestNames(Set<Digest> digests) {
    StringBuilder text = new StringBuilder();
    for (Digest digest : digests) {
      text.append(text.length() == 0 ? "" : ",").append(digest.cliName());
    }
    return text.toString();
  }

  private static String paddingNames(Set<Padding> paddings) {
    StringBuilder text = new StringBuilder();
    for (Padding padding : paddings) {
      text.append(text.length() == 0 ? "" : ",").append(padding.cliName());
    }
    return text.length() == 0 ? "none" : text.toString();
  }
}
