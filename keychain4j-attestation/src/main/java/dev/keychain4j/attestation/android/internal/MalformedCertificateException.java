package dev.keychain4j.attestation.android.internal;

/** Thrown when certificate bytes are not a valid X.509 certificate. */
public final class MalformedCertificateException extends Exception {
  public MalformedCertificateException(String message, Throwable cause) {
    super(message, cause);
  }

  public MalformedCertificateException(String message) {
    super(message);
  }
}
