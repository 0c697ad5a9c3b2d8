/** Verifiers for Android key attestation and Apple App Attest. */
module dev.keychain4j.attestation {
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.util;
  requires org.slf4j;
  requires static transitive org.jspecify;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.cbor;
  requires java.sql;
  requires java.net.http;

  exports dev.keychain4j.attestation.android;
  exports dev.keychain4j.attestation.apple;
}
