package dev.keychain4j;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** The state of an open keychain. */
public final class KeychainStatus {
  private final Path directory;
  private final SecurityLevel securityLevel;
  private final String elementName;
  private final Map<ItemClass, Integer> counts;

  /** Creates the status; used by the keychain, not by applications. */
  public KeychainStatus(
      Path directory, SecurityLevel securityLevel, String elementName, Map<ItemClass, Integer> counts) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.securityLevel = Objects.requireNonNull(securityLevel, "securityLevel");
    this.elementName = Objects.requireNonNull(elementName, "elementName");
    EnumMap<ItemClass, Integer> copy = new EnumMap<>(ItemClass.class);
    for (ItemClass itemClass : ItemClass.values()) {
      copy.put(itemClass, counts.getOrDefault(itemClass, 0));
    }
    this.counts = Collections.unmodifiableMap(copy);
  }

  public Path directory() {
    return directory;
  }

  public SecurityLevel securityLevel() {
    return securityLevel;
  }

  /** Returns the name of the secure element, such as {@code software-enclave}. */
  public String elementName() {
    return elementName;
  }

  /** Returns the number of items of each class, with every class present. */
  public Map<ItemClass, Integer> counts() {
    return counts;
  }

  public int count(ItemClass itemClass) {
    return counts.get(itemClass);
  }

  @Override
  public String toString() {
    return "KeychainStatus{directory=" + directory + ", securityLevel=" + securityLevel
        + ", element=" + elementName + ", counts=" + counts + "}";
  }
}
