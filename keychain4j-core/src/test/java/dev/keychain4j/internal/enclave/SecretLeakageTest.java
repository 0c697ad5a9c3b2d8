package dev.keychain4j.internal.enclave;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keychain4j.LeakageRunAccess;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the whole keychain API in a child JVM with SLF4J at TRACE into a file, and asserts that
 * no encoding of any generated private key, of the device key or of the passphrase appears in the
 * log, in standard output or error (which carry every exception message and stack trace and the
 * {@code toString()} of every public object the run met).
 *
 * <p>The private keys are recovered independently of the keychain API: the test unwraps the
 * device key and unseals each stored key itself.
 */
class SecretLeakageTest {
  private static final String PASSPHRASE = "leak-check passphrase 7f3a";

  @TempDir Path temp;

  @Test
  void noSecretInAnyOutput() throws Exception {
    Path directory = temp.resolve("keychain");
    Path log = temp.resolve("slf4j.log");
    Path stdout = temp.resolve("stdout.txt");
    Path stderr = temp.resolve("stderr.txt");

    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1",
            "-Dorg.slf4j.simpleLogger.logFile=" + log,
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace",
            "-cp",
            classPath,
            LeakageRunAccess.MAIN_CLASS,
            directory.toString());
    builder.environment().put("KEYCHAIN4J_PASSPHRASE", PASSPHRASE);
    builder.redirectOutput(stdout.toFile());
    builder.redirectError(stderr.toFile());
    Process run = builder.start();
    assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String output = Files.readString(stdout) + "\n" + Files.readString(stderr);
    assertThat(run.exitValue()).as(output).isZero();
    String captured = output + "\n" + Files.readString(log);

    assertThat(Files.readString(log)).contains("Generated ec-p256 key");
    for (String failure : LeakageRunAccess.EXPECTED_FAILURES) {
      assertThat(output).as("the run provoked no %s", failure).contains(failure);
    }

    Map<String, byte[]> secrets = recoverSecrets(directory);
    assertThat(secrets.keySet().stream().filter(name -> name.startsWith("PKCS#8"))).hasSizeGreaterThanOrEqualTo(10);

    List<String> leaks = new ArrayList<>();
    String flattened = captured.replaceAll("\\s", "");
    String lowered = flattened.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, byte[]> secret : secrets.entrySet()) {
      byte[] bytes = secret.getValue();
      String hex = HexFormat.of().formatHex(bytes);
      if (lowered.contains(hex)) {
        leaks.add(secret.getKey() + " as hex");
      }
      if (flattened.contains(Base64.getEncoder().encodeToString(bytes))
          || flattened.contains(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))) {
        leaks.add(secret.getKey() + " as base64");
      }
      if (bytes.length >= 16 && lowered.contains(HexFormat.of().formatHex(bytes, 0, 16))) {
        leaks.add(secret.getKey() + " (first 16 bytes) as hex");
      }
    }
    if (captured.contains(PASSPHRASE)) {
      leaks.add("the passphrase");
    }
    assertThat(leaks).as("secrets found in the captured output").isEmpty();
  }

  /** Unwraps the device key and unseals every stored key and secret, naming each encoding. */
  private static Map<String, byte[]> recoverSecrets(Path directory) throws Exception {
    Map<String, byte[]> secrets = new LinkedHashMap<>();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("keychain.db"));
        Statement statement = connection.createStatement()) {
      byte[] wrapped;
      try (ResultSet rows = statement.executeQuery("SELECT value FROM meta WHERE name = 'device_key'")) {
        rows.next();
        wrapped = rows.getBytes(1);
      }
      byte[] deviceKey = DeviceKeyWrapping.unwrap(wrapped, PASSPHRASE.getBytes(StandardCharsets.UTF_8));
      secrets.put("device key", deviceKey);
      byte[] keySealing = Sealing.derive(deviceKey, SoftwareEnclave.KEY_SEALING_INFO);
      byte[] secretSealing = Sealing.derive(deviceKey, SoftwareEnclave.SECRET_SEALING_INFO);
      secrets.put("key sealing key", keySealing);
      secrets.put("secret sealing key", secretSealing);
      secrets.put("counter key", Sealing.derive(deviceKey, SoftwareEnclave.COUNTER_INFO));

      try (ResultSet rows =
          statement.executeQuery(
              "SELECT id, class, tag, authorizations, key_reference, data FROM items"
                  + " WHERE class IN ('KEY', 'SECRET')")) {
        while (rows.next()) {
          long id = rows.getLong("id");
          String tag = rows.getString("tag");
          if (rows.getString("class").equals("SECRET")) {
            byte[] value =
                Sealing.unseal(
                    new SecretKeySpec(secretSealing, "AES"),
                    Sealing.context(SoftwareEnclave.SECRET_DOMAIN, tag, id, new byte[0]),
                    rows.getBytes("data"));
            secrets.put("secret " + tag, value);
            continue;
          }
          byte[] pkcs8;
          try {
            pkcs8 =
                Sealing.unseal(
                    new SecretKeySpec(keySealing, "AES"),
                    Sealing.context(SoftwareEnclave.KEY_DOMAIN, tag, id, rows.getBytes("authorizations")),
                    rows.getBytes("key_reference"));
          } catch (javax.crypto.AEADBadTagException e) {
            throw new AssertionError("stored key " + tag + " does not unseal", e);
          }
          secrets.put("PKCS#8 of " + tag, pkcs8);
          addScalars(tag, pkcs8, secrets);
        }
      }
    }
    return secrets;
  }

  private static void addScalars(String tag, byte[] pkcs8, Map<String, byte[]> secrets) throws Exception {
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(pkcs8);
    var algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
    if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      BigInteger d = ECPrivateKey.getInstance(info.parsePrivateKey()).getKey();
      secrets.put("EC scalar of " + tag, BigIntegers.asUnsignedByteArray(d));
    } else if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      RSAPrivateKey rsa = RSAPrivateKey.getInstance(info.parsePrivateKey());
      secrets.put("RSA d of " + tag, BigIntegers.asUnsignedByteArray(rsa.getPrivateExponent()));
      secrets.put("RSA p of " + tag, BigIntegers.asUnsignedByteArray(rsa.getPrime1()));
      secrets.put("RSA q of " + tag, BigIntegers.asUnsignedByteArray(rsa.getPrime2()));
    } else {
      secrets.put("raw key of " + tag, ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets());
    }
  }

}
