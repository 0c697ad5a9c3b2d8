/** The PKCS#11 secure element of keychain4j. */
// The module is named after the standard, whose name ends in digits.
@SuppressWarnings("module")
module dev.keychain4j.pkcs11 {
  requires transitive dev.keychain4j.core;
  requires com.sun.jna;
  requires org.bouncycastle.provider;
  requires static org.jspecify;

  exports dev.keychain4j.pkcs11;

  // JNA makes a proxy of the package's binding interface.
  opens dev.keychain4j.pkcs11 to com.sun.jna;

  provides dev.keychain4j.spi.SecureElementProvider with dev.keychain4j.pkcs11.Pkcs11ElementProvider;
}
