package dev.keychain4j.cli;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Encodes and strictly decodes the PEM text format of RFC 7468. Text outside the blocks is allowed,
 * as RFC 7468 permits (openssl writes a certificate dump before the block), but a block must be
 * closed by the matching END line and contain only Base64.
 */
final class Pem {
  private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");
  private static final Pattern END = Pattern.compile("-----END ([A-Z0-9 ]+)-----");

  private Pem() {}

  /** Encodes DER bytes as one PEM block with 64-character lines and a trailing line break, as openssl does. */
  static String encode(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  /** Returns whether the text contains a PEM BEGIN line, so that it should be decoded as PEM rather than DER. */
  static boolean looksLikePem(String text) {
    return BEGIN.matcher(text).find();
  }

  /**
   * Decodes every PEM block of the text.
   *
   * @param source the file name, for error messages
   * @return the blocks in order; empty when the text contains none
   */
  static List<PemBlock> decode(String text, String source) throws InvalidInputException {
    List<PemBlock> blocks = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    int index = 0;
    while (index < lines.length) {
      Matcher begin = BEGIN.matcher(lines[index].strip());
      if (!begin.matches()) {
        index++;
        continue;
      }

      String label = begin.group(1);
      int beginLine = index + 1;
      StringBuilder body = new StringBuilder();
      index++;
      while (true) {
        if (index >= lines.length) {
          throw new InvalidInputException(
              source + ": the PEM block '" + label + "' at line " + beginLine + " has no END line");
        }
        String line = lines[index].strip();
        Matcher end = END.matcher(line);
        if (end.matches()) {
          if (!end.group(1).equals(label)) {
            throw new InvalidInputException(
                source + ": the PEM block '" + label + "' at line " + beginLine
                    + " ends with '-----END " + end.group(1) + "-----'");
          }
          break;
        }
        body.append(line);
        index++;
      }
      index++;

      byte[] der;
      try {
        der = Base64.getDecoder().decode(body.toString());
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(
            source + ": the PEM block '" + label + "' at line " + beginLine + " is not valid Base64", e);
      }
      if (der.length == 0) {
        throw new InvalidInputException(
            source + ": the PEM block '" + label + "' at line " + beginLine + " is empty");
      }
      blocks.add(new PemBlock(label, der, beginLine));
    }
    return blocks;
  }
}
