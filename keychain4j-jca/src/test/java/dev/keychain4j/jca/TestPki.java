package dev.keychain4j.jca;

import dev.keychain4j.Digest;
import dev.keychain4j.Keychain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A throwaway certificate authority made by openssl in a test directory. It certifies keychain keys
 * from their CSRs and makes software keys for the peers of the tests.
 */
final class TestPki {
  static final String PASSWORD = "changeit";

  private static final String EXTENSIONS =
      "[leaf]\n"
          + "basicConstraints=critical,CA:FALSE\n"
          + "keyUsage=critical,digitalSignature,keyEncipherment\n"
          + "extendedKeyUsage=clientAuth,serverAuth,emailProtection\n"
          + "subjectAltName=IP:127.0.0.1\n";

  final Path directory;
  final Path caCertificateFile;
  final X509Certificate caCertificate;
  private int serial = 1;

  TestPki(Path directory) throws Exception {
    this.directory = directory;
    Files.writeString(directory.resolve("leaf.cnf"), EXTENSIONS);
    Openssl.run(
        directory, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", "ca.key", "-out", "ca.crt", "-subj", "/CN=keychain4j test CA", "-days", "2",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign");
    this.caCertificateFile = directory.resolve("ca.crt");
    this.caCertificate = Openssl.readCertificate(caCertificateFile);
  }

  /** Certifies a keychain key with a CSR the keychain signs, and returns the chain, leaf first. */
  List<X509Certificate> certifyKeychainKey(Keychain keychain, String tag, String commonName) throws Exception {
    String name = "kc-" + serial;
    Files.write(directory.resolve(name + ".csr"), keychain.createCsr(tag, "CN=" + commonName, Digest.SHA256));
    Openssl.run(
        directory, "x509", "-req", "-inform", "DER", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey",
        "ca.key", "-set_serial", Integer.toString(serial++), "-days", "1", "-extfile", "leaf.cnf",
        "-extensions", "leaf", "-out", name + ".crt");
    return List.of(Openssl.readCertificate(directory.resolve(name + ".crt")), caCertificate);
  }

  /**
   * Makes a software key and certificate for a peer ({@code keyAlgorithm} "ec" or "rsa") and returns
   * the name of its files {@code name.key} and {@code name.crt}.
   */
  String issueSoftwareKey(String name, String keyAlgorithm) throws Exception {
    String[] keyOptions =
        keyAlgorithm.equals("ec")
            ? new String[] {"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"}
            : new String[] {"-newkey", "rsa:2048"};
    String[] request = {"req", "-new", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name};
    String[] arguments = new String[request.length + keyOptions.length];
    System.arraycopy(request, 0, arguments, 0, 2);
    System.arraycopy(keyOptions, 0, arguments, 2, keyOptions.length);
    System.arraycopy(request, 2, arguments, 2 + keyOptions.length, request.length - 2);
    Openssl.run(directory, arguments);
    Openssl.run(
        directory, "x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key",
        "-set_serial", Integer.toString(serial++), "-days", "1", "-extfile", "leaf.cnf",
        "-extensions", "leaf", "-out", name + ".crt");
    return name;
  }

  /** Returns a PKCS#12 key store with a software key and its chain, made by openssl. */
  KeyStore softwareKeyStore(String name) throws Exception {
    Openssl.run(
        directory, "pkcs12", "-export", "-inkey", name + ".key", "-in", name + ".crt", "-certfile",
        "ca.crt", "-name", name, "-passout", "pass:" + PASSWORD, "-out", name + ".p12");
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(directory.resolve(name + ".p12"))) {
      store.load(in, PASSWORD.toCharArray());
    }
    return store;
  }

  /** Returns a key store that trusts only the test CA. */
  KeyStore trustStore() throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("ca", caCertificate);
    return store;
  }
}
