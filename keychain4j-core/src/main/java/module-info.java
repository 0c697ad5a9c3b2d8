/**
 * The keychain API, the secure element SPI, and the built-in software enclave.
 *
 * <p>Only {@code dev.keychain4j} (the keychain API) and {@code dev.keychain4j.spi} (for secure
 * element implementations in other modules) are exported. The software enclave and the item store
 * live in {@code dev.keychain4j.internal} packages.
 */
// "module": the qualified export names keychain4j-testing, which is built after this module.
@SuppressWarnings("module")
module dev.keychain4j.core {
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.util;
  requires org.slf4j;
  requires static transitive org.jspecify;
  requires transitive java.sql;
  requires org.xerial.sqlitejdbc;
  requires jdk.net;

  exports dev.keychain4j;
  exports dev.keychain4j.spi;
  // The KeyDescription encoder, for the emulated Android devices of keychain4j-testing only.
  exports dev.keychain4j.internal.attestation to
      dev.keychain4j.testing;

  uses dev.keychain4j.spi.SecureElementProvider;
}
