package dev.keychain4j;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;

/**
 * Proves user presence by asking for a typed confirmation on a terminal: the user must type
 * {@code yes}. It proves that someone at the terminal agreed, not who.
 */
public final class TerminalPresenceAuthenticator implements Authenticator {
  private final BufferedReader in;
  private final PrintWriter out;

  /** Asks on {@code out} and reads the reply from {@code in}, such as the console's streams. */
  public TerminalPresenceAuthenticator(BufferedReader in, PrintWriter out) {
    this.in = Objects.requireNonNull(in, "in");
    this.out = Objects.requireNonNull(out, "out");
  }

  @Override
  public AuthenticatorType type() {
    return AuthenticatorType.USER_PRESENCE;
  }

  /** Returns 0: presence has no enrollment. */
  @Override
  public long enrollmentId() {
    return 0;
  }

  @Override
  public synchronized void authenticate(String reason) throws KeychainException {
    out.printf("Confirm %s: type yes to allow: ", reason);
    out.flush();
    String answer;
    try {
      answer = in.readLine();
    } catch (IOException e) {
      throw new UserNotAuthenticatedException("Cannot read the confirmation for " + reason + ": " + e.getMessage());
    }
    if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).equals("yes")) {
      throw new UserNotAuthenticatedException(
          "Presence not confirmed for " + reason + ": type yes to allow the operation");
    }
  }
}
