package dev.keychain4j.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** A terminal that answers prompts from a fixed script and records the prompts shown. */
final class ScriptedPrompt implements PasswordPrompt {
  private final boolean available;
  private final Deque<String> answers;
  private final List<String> prompts = new ArrayList<>();

  private ScriptedPrompt(boolean available, List<String> answers) {
    this.available = available;
    this.answers = new ArrayDeque<>(answers);
  }

  /** Returns a prompt with no terminal behind it, like a process whose stdin is a pipe. */
  static ScriptedPrompt none() {
    return new ScriptedPrompt(false, List.of());
  }

  /** Returns a terminal that answers the prompts in order, then reports end of input. */
  static ScriptedPrompt answering(String... answers) {
    return new ScriptedPrompt(true, List.of(answers));
  }

  @Override
  public Optional<char[]> readPassword(String prompt) {
    prompts.add(prompt);
    String answer = answers.poll();
    return answer == null ? Optional.empty() : Optional.of(answer.toCharArray());
  }

  @Override
  public boolean isAvailable() {
    return available;
  }

  List<String> prompts() {
    return List.copyOf(prompts);
  }
}
