package dev.keychain4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lock commands without an agent, and the access options of generate. */
class NoAgentCommandsTest {
  @TempDir Path temp;

  @Test
  void lockWithoutAgentFails() throws Exception {
    TestKeychain keychain = TestKeychain.create(temp);

    CliResult lock = keychain.run("lock");

    assertThat(lock.exitCode()).as("%s", lock).isEqualTo(1);
    assertThat(lock.stderr()).contains("No agent runs").contains("keychain agent");
  }

  @Test
  void generateRecordsAccessibilityAndAccess() throws Exception {
    TestKeychain keychain = TestKeychain.create(temp);

    CliResult generated =
        keychain.run(
            "generate", "--tag", "k", "--algorithm", "ec-p256", "--purpose", "sign",
            "--accessible", "after-first-unlock-this-device-only",
            "--access", "private-key-usage,biometry-any|device-passcode", "--auth-timeout", "30");

    assertThat(generated.exitCode()).as("%s", generated).isZero();
    assertThat(generated.stdout())
        .contains("after-first-unlock-this-device-only")
        .contains("private-key-usage,device-passcode|biometry-any")
        .contains("30 s");
  }

  @Test
  void badAccessOptionsAreUsageErrors() throws Exception {
    TestKeychain keychain = TestKeychain.create(temp);

    CliResult accessible =
        keychain.run("generate", "--tag", "k", "--algorithm", "ec-p256", "--purpose", "sign", "--accessible", "always");
    CliResult access =
        keychain.run("generate", "--tag", "k", "--algorithm", "ec-p256", "--purpose", "sign", "--access", "face-id");

    assertThat(accessible.exitCode()).as("%s", accessible).isEqualTo(2);
    assertThat(accessible.stderr()).contains("'always'");
    assertThat(access.exitCode()).as("%s", access).isEqualTo(2);
    assertThat(access.stderr()).contains("'face-id'");
  }
}
