package dev.keychain4j.spi;

import java.util.Objects;

/** A new secure element and the configuration the keychain stores to reopen it (never a secret). */
public final class ElementSetup {
  private final SecureElement element;
  private final byte[] configuration;

  public ElementSetup(SecureElement element, byte[] configuration) {
    this.element = Objects.requireNonNull(element, "element");
    this.configuration = Objects.requireNonNull(configuration, "configuration").clone();
  }

  public SecureElement element() {
    return element;
  }

  /** Returns a copy of the configuration bytes. */
  public byte[] configuration() {
    return configuration.clone();
  }

  @Override
  public String toString() {
    return "ElementSetup{" + element.name() + ", " + configuration.length + " bytes of configuration}";
  }
}
