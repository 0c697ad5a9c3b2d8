package dev.keychain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeyParametersTest {
  @Test
  void ecDefaults() {
    KeyParameters parameters = KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.SIGN).build();

    assertThat(parameters.digests()).containsExactlyInAnyOrder(Digest.SHA256, Digest.SHA384, Digest.SHA512);
    assertThat(parameters.paddings()).isEmpty();
    assertThat(parameters.usageLimit()).isEmpty();
    assertThat(parameters.activeFrom()).isEmpty();
  }

  @Test
  void rsaPaddingDefaultsFollowPurposes() {
    assertThat(KeyParameters.builder(KeyAlgorithm.RSA_2048).purposes(Purpose.SIGN).build().paddings())
        .containsExactlyInAnyOrder(Padding.RSA_PKCS1, Padding.RSA_PSS);
    assertThat(KeyParameters.builder(KeyAlgorithm.RSA_2048).purposes(Purpose.DECRYPT).build().paddings())
        .containsExactly(Padding.RSA_OAEP);
  }

  @Test
  void ed25519DefaultsToNoDigest() {
    assertThat(KeyParameters.builder(KeyAlgorithm.ED25519).purposes(Purpose.SIGN).build().digests())
        .containsExactly(Digest.NONE);
  }

  @Test
  void purposeOutsideAlgorithmRejected() {
    assertThatThrownBy(() -> KeyParameters.builder(KeyAlgorithm.RSA_2048).purposes(Purpose.AGREE_KEY).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("agree-key")
        .hasMessageContaining("rsa-2048");
    assertThatThrownBy(() -> KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.DECRYPT).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeyParameters.builder(KeyAlgorithm.X25519).purposes(Purpose.SIGN).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void missingPurposeRejected() {
    assertThatThrownBy(() -> KeyParameters.builder(KeyAlgorithm.EC_P256).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Missing purpose");
  }

  @Test
  void oaepOnlyForRsa() {
    assertThatThrownBy(
            () -> KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.SIGN).paddings(Padding.RSA_OAEP).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RSA");
    assertThatThrownBy(
            () -> KeyParameters.builder(KeyAlgorithm.RSA_2048).purposes(Purpose.SIGN).paddings(Padding.RSA_OAEP).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("oaep");
  }

  @Test
  void digestNoneAllowedForEcButNotRsa() {
    assertThat(
            KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.SIGN).digests(Digest.NONE, Digest.SHA256).build()
                .digests())
        .containsExactlyInAnyOrder(Digest.NONE, Digest.SHA256);
    assertThatThrownBy(
            () -> KeyParameters.builder(KeyAlgorithm.RSA_2048).purposes(Purpose.SIGN).digests(Digest.NONE).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("none")
        .hasMessageContaining("rsa-2048");
  }

  @Test
  void edwardsKeysAllowOnlyDigestNone() {
    assertThatThrownBy(
            () -> KeyParameters.builder(KeyAlgorithm.ED25519).purposes(Purpose.SIGN).digests(Digest.SHA256).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void usageLimitBelowOneRejected() {
    KeyParameters.Builder builder = KeyParameters.builder(KeyAlgorithm.EC_P256);

    assertThatThrownBy(() -> builder.usageLimit(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
  }

  @Test
  void endBeforeActiveFromRejected() {
    Instant now = Instant.now();

    assertThatThrownBy(
            () -> KeyParameters.builder(KeyAlgorithm.EC_P256)
                .purposes(Purpose.SIGN)
                .activeFrom(now)
                .originationEnd(now.minusSeconds(1))
                .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("origination end");
  }

  @Test
  void labelWithControlCharacterRejected() {
    assertThatThrownBy(() -> KeyParameters.builder(KeyAlgorithm.EC_P256).label("a\u0007b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fromCliNameRoundTrips() {
    for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
      assertThat(KeyAlgorithm.fromCliName(algorithm.cliName())).isEqualTo(algorithm);
    }
    for (Purpose purpose : Purpose.values()) {
      assertThat(Purpose.fromCliName(purpose.cliName())).isEqualTo(purpose);
    }
    assertThatThrownBy(() -> KeyAlgorithm.fromCliName("ec-p224"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ec-p224")
        .hasMessageContaining("ec-p256");
  }
}
