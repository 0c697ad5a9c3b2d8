package dev.keychain4j;

import java.util.List;

/** Gives the leakage test in another package the run's main class and expected failures. */
public final class LeakageRunAccess {
  public static final String MAIN_CLASS = LeakageRun.class.getName();
  public static final List<String> EXPECTED_FAILURES = LeakageRun.EXPECTED_FAILURES;

  private LeakageRunAccess() {}
}
