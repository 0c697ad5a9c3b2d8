package dev.keychain4j.bench;

import dev.keychain4j.Digest;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.Keychain;
import dev.keychain4j.KeychainAgent;
import dev.keychain4j.KeychainException;
import dev.keychain4j.Purpose;
import dev.keychain4j.SignatureSpec;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A P-256 ECDSA signature of a 64-byte message through the keychain API, with the software
 * enclave in this process and with the enclave in an agent process (a child JVM running {@link
 * KeychainAgent}) reached over its Unix domain socket. Sample time gives the median per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AgentSignBenchmark {
  static final char[] PASSPHRASE = "benchmark passphrase".toCharArray();
  private static final SignatureSpec ECDSA = SignatureSpec.ecdsa(Digest.SHA256);

  private final byte[] message = new byte[64];
  private Path temp;
  private Keychain inProcess;
  private Keychain throughAgent;
  private Process agent;

  @Setup
  public void setUp() throws Exception {
    for (int i = 0; i < message.length; i++) {
      message[i] = (byte) i;
    }
    temp = Files.createTempDirectory("keychain-agent-bench");
    KeyParameters p256 = KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.SIGN).build();

    Path local = temp.resolve("local");
    inProcess = Keychain.create(local, PASSPHRASE);
    inProcess.generateKey("p256", p256);

    Path served = temp.resolve("served");
    try (Keychain created = Keychain.create(served, PASSPHRASE)) {
      created.generateKey("p256", p256);
    }
    agent = startAgent(served);
    throughAgent = Keychain.connectToAgent(served).orElseThrow();
    throughAgent.unlock(PASSPHRASE);
  }

  private static Process startAgent(Path directory) throws IOException, InterruptedException {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            AgentMain.class.getName(),
            directory.toString());
    Process process =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(directory.resolve("agent.sock"))) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException("The benchmark agent did not start");
      }
      Thread.sleep(20);
    }
    return process;
  }

  @Benchmark
  public byte[] p256InProcess() throws KeychainException {
    return inProcess.sign("p256", ECDSA, message);
  }

  @Benchmark
  public byte[] p256ThroughAgent() throws KeychainException {
    return throughAgent.sign("p256", ECDSA, message);
  }

  @TearDown
  public void tearDown() throws IOException, InterruptedException {
    inProcess.close();
    throughAgent.close();
    agent.getOutputStream().close();
    if (!agent.waitFor(30, TimeUnit.SECONDS)) {
      agent.destroyForcibly();
    }
    try (Stream<Path> files = Files.walk(temp)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }
}
