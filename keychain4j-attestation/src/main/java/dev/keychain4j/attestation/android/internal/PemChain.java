package dev.keychain4j.attestation.android.internal;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits PEM text into the DER of its CERTIFICATE blocks. */
public final class PemChain {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]*)-----END CERTIFICATE-----");

  private PemChain() {}

  /**
   * Returns the DER of each certificate block, in order.
   *
   * @throws IllegalArgumentException when the text has no certificate block or a block is not
   *     valid base64
   */
  public static List<byte[]> decode(String pem) {
    List<byte[]> chain = new ArrayList<>();
    Matcher matcher = BLOCK.matcher(pem);
    while (matcher.find()) {
      String body = matcher.group(1).replaceAll("\\s", "");
      try {
        chain.add(Base64.getDecoder().decode(body));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "certificate block " + (chain.size() + 1) + " is not valid base64", e);
      }
    }
    if (chain.isEmpty()) {
      throw new IllegalArgumentException(
          "no -----BEGIN CERTIFICATE----- block found; pass the chain as PEM, leaf first");
    }
    return chain;
  }
}
