package dev.keychain4j.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives a real agent: {@code keychain agent} runs in a child JVM, and the other commands talk to
 * it over its socket.
 */
class AgentCommandsTest {
  @TempDir Path temp;
  TestKeychain keychain;
  Process agent;
  Path agentLog;

  @BeforeEach
  void startAgent() throws Exception {
    keychain = TestKeychain.create(temp);
    keychain.ok("generate", "--tag", "wu", "--algorithm", "ec-p256", "--purpose", "sign,verify");
    keychain.ok(
        "generate", "--tag", "afu", "--algorithm", "ec-p256", "--purpose", "sign,verify",
        "--accessible", "after-first-unlock");
    Files.writeString(temp.resolve("message.txt"), "message to sign");

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of("agent", "--keychain", keychain.directory().toString()));
    agentLog = temp.resolve("agent.log");
    agent =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true)
            .redirectOutput(agentLog.toFile())
            .start();
    Path socket = keychain.directory().resolve("agent.sock");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(socket)) {
      if (!agent.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("The agent did not start:\n" + Files.readString(agentLog, UTF_8));
      }
      Thread.sleep(50);
    }
  }

  @AfterEach
  void stopAgent() throws Exception {
    agent.destroy();
    if (!agent.waitFor(30, TimeUnit.SECONDS)) {
      agent.destroyForcibly();
    }
  }

  private CliResult withoutPassphrase(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--keychain");
    all.add(keychain.directory().toString());
    return Cli.withoutTerminal().run(all.toArray(new String[0]));
  }

  private CliResult sign(String tag) {
    return withoutPassphrase(
        "sign", "--tag", tag, "--in", temp.resolve("message.txt").toString(),
        "--out", temp.resolve(tag + ".sig").toString());
  }

  @Test
  void unlockSignLockSignRefused() throws Exception {
    CliResult lockedAtStart = sign("wu");
    CliResult unlock = keychain.run("unlock");
    CliResult signed = sign("wu");
    CliResult lock = withoutPassphrase("lock");
    CliResult refused = sign("wu");
    CliResult afterFirstUnlock = sign("afu");

    assertThat(lockedAtStart.exitCode()).as("%s", lockedAtStart).isEqualTo(1);
    assertThat(unlock.exitCode()).as("%s", unlock).isZero();
    assertThat(signed.exitCode()).as("%s", signed).isZero();
    assertThat(Files.size(temp.resolve("wu.sig"))).isPositive();
    assertThat(lock.exitCode()).as("%s", lock).isZero();
    assertThat(refused.exitCode()).as("%s", refused).isEqualTo(1);
    assertThat(refused.stderr()).contains("'wu'").contains("when-unlocked").contains("locked");
    assertThat(afterFirstUnlock.exitCode()).as("%s", afterFirstUnlock).isZero();

    String log = Files.readString(agentLog, UTF_8);
    assertThat(log).contains("Allowed unlock");
    assertThat(log).contains("for 'wu': locked, item accessible when-unlocked");
    assertThat(log).doesNotContain(TestKeychain.PASSPHRASE).doesNotContain("message to sign");
  }

  @Test
  void statusShowsAgentAndLockState() {
    CliResult locked = withoutPassphrase("status");
    keychain.ok("unlock");
    CliResult unlocked = withoutPassphrase("status");

    assertThat(locked.exitCode()).as("%s", locked).isZero();
    assertThat(locked.stdout()).contains("Agent:           running").contains("Lock state:      locked");
    assertThat(unlocked.stdout()).contains("Lock state:      unlocked");
  }

  @Test
  void wrongPassphraseKeepsAgentLocked() throws Exception {
    Path wrong = temp.resolve("wrong.txt");
    Files.writeString(wrong, "wrong passphrase\n");

    CliResult unlock =
        withoutPassphrase("unlock", "--passphrase-file", wrong.toString());

    assertThat(unlock.exitCode()).as("%s", unlock).isEqualTo(1);
    assertThat(unlock.stderr()).contains("Wrong passphrase");
    assertThat(sign("wu").exitCode()).isEqualTo(1);
  }

  @Test
  void socketHasOwnerOnlyMode() throws Exception {
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(keychain.directory().resolve("agent.sock"))))
        .isEqualTo("rw-------");
  }
}
