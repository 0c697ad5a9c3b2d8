package dev.keychain4j;

/**
 * A kind of authorization a key is created with, as listed in {@link Authorizations}. A secure
 * element reports per key which of them it enforces itself.
 */
public enum AuthorizationTag {
  ALGORITHM,
  PURPOSE,
  DIGEST,
  PADDING,
  ACTIVE_FROM,
  ORIGINATION_END,
  CONSUMPTION_END,
  USAGE_LIMIT
}
