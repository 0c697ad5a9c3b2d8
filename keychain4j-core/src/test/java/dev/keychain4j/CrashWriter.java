package dev.keychain4j;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child process of {@link CrashSafetyTest}: opens a keychain and changes it in an endless
 * loop until it is killed. It prints {@code ready} once the first round is done. Arguments: the keychain directory and a run number that makes tags
 * unique; the passphrase comes from {@code KEYCHAIN4J_PASSPHRASE}.
 */
public final class CrashWriter {
  private CrashWriter() {}

  static String secretValue(String tag) {
    return "value of " + tag;
  }

  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args[0]);
    String run = args[1];
    char[] passphrase = System.getenv("KEYCHAIN4J_PASSPHRASE").toCharArray();
    SignatureSpec spec = SignatureSpec.ecdsa(Digest.SHA256);
    byte[] message = {1, 2, 3};

    try (Keychain keychain = Keychain.open(directory, passphrase)) {
      for (int i = 0; ; i++) {
        if (i == 1) {
          // The first round loads the classes; from now on the parent may kill at any moment.
          System.out.println("ready");
          System.out.flush();
        }
        String key = "r" + run + "-key-" + i;
        KeyParameters.Builder parameters =
            KeyParameters.builder(i % 2 == 0 ? KeyAlgorithm.EC_P256 : KeyAlgorithm.ED25519)
                .purposes(Purpose.SIGN);
        if (i % 3 != 0) {
          parameters.usageLimit(CrashSafetyTest.USAGE_LIMIT);
        }
        keychain.generateKey(key, parameters.build());

        String secret = "r" + run + "-secret-" + i;
        keychain.putSecret(secret, secretValue(secret).getBytes(StandardCharsets.UTF_8), null);

        // Use the previous key until its limit deletes it, so decrements and deletions interleave.
        if (i > 0) {
          String previous = "r" + run + "-key-" + (i - 1);
          KeyAlgorithm algorithm = (i - 1) % 2 == 0 ? KeyAlgorithm.EC_P256 : KeyAlgorithm.ED25519;
          SignatureSpec previousSpec = algorithm == KeyAlgorithm.EC_P256 ? spec : SignatureSpec.ed25519();
          for (int use = 0; use < CrashSafetyTest.USAGE_LIMIT; use++) {
            keychain.sign(previous, previousSpec, message);
          }
        }
        if (i % 4 == 3) {
          keychain.delete(ItemClass.SECRET, "r" + run + "-secret-" + (i - 2));
        }
        // Keys without a limit (every third one) survive the loop above; delete some of them.
        if (i >= 3 && (i - 3) % 6 == 0) {
          keychain.delete(ItemClass.KEY, "r" + run + "-key-" + (i - 3));
        }
      }
    }
  }
}
