package dev.keychain4j.spi;

/** A secure element: generates private keys and runs every private-key operation inside itself. */
public interface SecureElement extends AutoCloseable {
  @Override
  void close();
}
