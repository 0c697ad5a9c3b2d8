package dev.keychain4j.attestation.apple;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The App Attest environment an app was built for, which Apple encodes in the AAGUID of the
 * attested credential data.
 */
public enum AppAttestEnvironment {
  /** Apps built with the {@code development} App Attest entitlement: AAGUID "appattestdevelop". */
  DEVELOPMENT("appattestdevelop".getBytes(StandardCharsets.US_ASCII)),

  /** Apps built with the {@code production} entitlement: AAGUID "appattest" and seven 0x00. */
  PRODUCTION(Arrays.copyOf("appattest".getBytes(StandardCharsets.US_ASCII), 16));

  private final byte[] aaguid;

  AppAttestEnvironment(byte[] aaguid) {
    this.aaguid = aaguid;
  }

  /** Returns a copy of the 16-byte AAGUID that marks this environment. */
  public byte[] aaguid() {
    return aaguid.clone();
  }

  /** Returns the lower-case name used in JSON and on the command line. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
