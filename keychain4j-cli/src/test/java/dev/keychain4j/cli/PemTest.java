package dev.keychain4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class PemTest {

  @Test
  void encodeWrapsAt64Columns() {
    byte[] der = new byte[100];
    for (int i = 0; i < der.length; i++) {
      der[i] = (byte) i;
    }

    String pem = Pem.encode("CERTIFICATE", der);

    String[] lines = pem.split("\n");
    assertThat(lines[0]).isEqualTo("-----BEGIN CERTIFICATE-----");
    assertThat(lines[1]).hasSize(64);
    assertThat(lines[lines.length - 1]).isEqualTo("-----END CERTIFICATE-----");
    assertThat(pem).endsWith("-----\n");
  }

  @Property
  void decodeInvertsEncode(@ForAll byte[] der) throws Exception {
    if (der.length == 0) {
      return;
    }

    List<PemBlock> blocks = Pem.decode(Pem.encode("PUBLIC KEY", der), "test");

    assertThat(blocks).hasSize(1);
    assertThat(blocks.get(0).label()).isEqualTo("PUBLIC KEY");
    assertThat(blocks.get(0).der()).isEqualTo(der);
  }

  @Property
  void decodeRejectsOnlyWithInvalidInput(@ForAll String text) {
    String pem = "-----BEGIN CERTIFICATE-----\n" + text + "\n-----END CERTIFICATE-----\n";
    try {
      Pem.decode(pem, "test");
      Pem.decode(text, "test");
    } catch (InvalidInputException expected) {
      assertThat(expected.getMessage()).contains("test");
    }
  }

  @Test
  void decodeSkipsTextOutsideBlocks() throws Exception {
    String text = "Certificate:\n    Data: ...\n" + Pem.encode("CERTIFICATE", new byte[] {1, 2, 3}) + "trailer\n";

    List<PemBlock> blocks = Pem.decode(text, "test");

    assertThat(blocks).hasSize(1);
    assertThat(blocks.get(0).der()).containsExactly(1, 2, 3);
    assertThat(blocks.get(0).line()).isEqualTo(3);
  }

  @Test
  void decodeAcceptsCrLf() throws Exception {
    String text = Pem.encode("CERTIFICATE", new byte[] {1, 2, 3}).replace("\n", "\r\n");

    assertThat(Pem.decode(text, "test").get(0).der()).containsExactly(1, 2, 3);
  }

  @Test
  void decodeRejectsMissingEnd() {
    assertThatThrownBy(() -> Pem.decode("-----BEGIN CERTIFICATE-----\nAQID\n", "cert.pem"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cert.pem")
        .hasMessageContaining("no END line");
  }

  @Test
  void decodeRejectsMismatchedEnd() {
    assertThatThrownBy(() -> Pem.decode("-----BEGIN CERTIFICATE-----\nAQID\n-----END PUBLIC KEY-----\n", "cert.pem"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("-----END PUBLIC KEY-----");
  }

  @Test
  void decodeRejectsInvalidBase64() {
    assertThatThrownBy(() -> Pem.decode("-----BEGIN CERTIFICATE-----\nA*ID\n-----END CERTIFICATE-----\n", "cert.pem"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not valid Base64");
  }

  @Test
  void decodeRejectsEmptyBlock() {
    assertThatThrownBy(() -> Pem.decode("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n", "cert.pem"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void decodeFindsNoBlockInPlainText() throws Exception {
    assertThat(Pem.decode("just some text", "test")).isEmpty();
  }
}
