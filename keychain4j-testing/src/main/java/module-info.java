/** Test doubles for attestation: emulated Android devices that issue key attestation chains. */
module dev.keychain4j.testing {
  requires transitive dev.keychain4j.core;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.util;
  requires static transitive org.jspecify;

  exports dev.keychain4j.testing;
}
