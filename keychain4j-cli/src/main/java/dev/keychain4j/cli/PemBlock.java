package dev.keychain4j.cli;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One PEM block: its label (such as {@code CERTIFICATE}) and the DER bytes it encodes.
 *
 * @param label the text between {@code -----BEGIN } and {@code -----}
 * @param der the decoded bytes; copied in and out
 * @param line the line number of the BEGIN line, for error messages
 */
record PemBlock(String label, byte[] der, int line) {
  PemBlock {
    Objects.requireNonNull(label, "label");
    der = der.clone();
  }

  @Override
  public byte[] der() {
    return der.clone();
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof PemBlock block
        && label.equals(block.label)
        && Arrays.equals(der, block.der)
        && line == block.line;
  }

  @Override
  public int hashCode() {
    return Objects.hash(label, Arrays.hashCode(der), line);
  }

  @Override
  public String toString() {
    return "PemBlock[" + label + ", " + der.length + " bytes, line " + line + "]";
  }
}
