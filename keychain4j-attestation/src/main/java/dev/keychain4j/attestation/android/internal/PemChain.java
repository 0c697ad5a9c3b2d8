package dev.keychain4j.attestation.android.internal;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Splits PEM text into the DER of its CERTIFICATE blocks. */
public final class PemChain {
  private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
  private static final String END = "-----END CERTIFICATE-----";

  private PemChain() {}

  /**
   * Returns the DER of each certificate block, in order. Text outside the blocks is ignored.
   *
   * @throws IllegalArgumentException when the text has no certificate block, a block has no end
   *     line, or a block is not valid base64
   */
  public static List<byte[]> decode(String pem) {
    List<byte[]> chain = new ArrayList<>();
    int from = 0;
    while (true) {
      int begin = pem.indexOf(BEGIN, from);
      if (begin < 0) {
        break;
      }
      int bodyStart = begin + BEGIN.length();
      int end = pem.indexOf(END, bodyStart);
      if (end < 0) {
        throw new IllegalArgumentException(
            "certificate block " + (chain.size() + 1) + " has no " + END + " line");
      }
      chain.add(decodeBody(pem, bodyStart, end, chain.size() + 1));
      from = end + END.length();
    }
    if (chain.isEmpty()) {
      throw new IllegalArgumentException(
          "no " + BEGIN + " block found; pass the chain as PEM, leaf first");
    }
    return chain;
  }

  private static byte[] decodeBody(String pem, int start, int end, int number) {
    // A character loop instead of a regular expression: PEM parsing runs on every verification.
    StringBuilder base64 = new StringBuilder(end - start);
    for (int i = start; i < end; i++) {
      char c = pem.charAt(i);
      if (!Character.isWhitespace(c)) {
        base64.append(c);
      }
    }
    try {
      return Base64.getDecoder().decode(base64.toString());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("certificate block " + number + " is not valid base64", e);
    }
  }
}
