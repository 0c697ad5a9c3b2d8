package dev.keychain4j.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads input files named on the command line, turning I/O failures into exit code 2. */
final class InputFiles {
  private InputFiles() {}

  /**
   * Reads the whole file.
   *
   * @param role what the file is for, such as "input file", used in the error message
   */
  static byte[] read(Path file, String role) throws InvalidInputException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("cannot read " + role + " " + file + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new InvalidInputException("cannot read " + role + " " + file + ": permission denied", e);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + role + " " + file + ": " + e.getMessage(), e);
    } catch (OutOfMemoryError e) {
      throw new InvalidInputException(role + " " + file + " is too large to read into memory", e);
    }
  }
}
