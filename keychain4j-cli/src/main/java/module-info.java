/** The {@code keychain} command-line tool. */
module dev.keychain4j.cli {
  requires dev.keychain4j.core;
  requires dev.keychain4j.attestation;
  requires dev.keychain4j.pkcs11;
  requires info.picocli;
  requires com.fasterxml.jackson.databind;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires org.slf4j;
  requires static org.jspecify;

  opens dev.keychain4j.cli to info.picocli;
}
