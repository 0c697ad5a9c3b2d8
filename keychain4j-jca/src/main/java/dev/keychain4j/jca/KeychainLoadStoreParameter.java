package dev.keychain4j.jca;

import dev.keychain4j.Keychain;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.Destroyable;
import org.jspecify.annotations.Nullable;

/**
 * The keychain that {@code KeyStore.load} uses: a directory and its passphrase, or a keychain the
 * application has already opened. The passphrase is copied, and {@link #destroy()} wipes the copy.
 */
public final class KeychainLoadStoreParameter implements KeyStore.LoadStoreParameter, Destroyable {
  private final @Nullable Path directory;
  private final KeyStore.@Nullable PasswordProtection protection;
  private final @Nullable Keychain keychain;

  private KeychainLoadStoreParameter(
      @Nullable Path directory, char @Nullable [] passphrase, @Nullable Keychain keychain) {
    this.directory = directory;
    this.protection = passphrase == null ? null : new KeyStore.PasswordProtection(passphrase.clone());
    this.keychain = keychain;
  }

  /**
   * Opens the keychain in {@code directory} with {@code passphrase} at load. The keychain stays open
   * while key handles from the key store are in use.
   */
  public static KeychainLoadStoreParameter of(Path directory, char[] passphrase) {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(passphrase, "passphrase");
    return new KeychainLoadStoreParameter(directory, passphrase, null);
  }

  /** Uses a keychain the caller opened and closes; the key store does not close it. */
  public static KeychainLoadStoreParameter of(Keychain keychain) {
    return new KeychainLoadStoreParameter(null, null, Objects.requireNonNull(keychain, "keychain"));
  }

  /** Returns the keychain directory, empty when an open keychain was given. */
  public Optional<Path> directory() {
    return Optional.ofNullable(directory);
  }

  /** Returns the open keychain, if one was given. */
  public Optional<Keychain> keychain() {
    return Optional.ofNullable(keychain);
  }

  /** Returns the passphrase protection, or null when an open keychain was given. */
  @Override
  public KeyStore.@Nullable ProtectionParameter getProtectionParameter() {
    return protection;
  }

  /** Wipes the copy of the passphrase. */
  @Override
  public void destroy() {
    if (protection != null && !protection.isDestroyed()) {
      try {
        protection.destroy();
      } catch (javax.security.auth.DestroyFailedException e) {
        throw new IllegalStateException("The passphrase copy could not be wiped", e);
      }
    }
  }

  @Override
  public boolean isDestroyed() {
    return protection == null || protection.isDestroyed();
  }

  @Override
  public String toString() {
    return "KeychainLoadStoreParameter{"
        + (keychain != null ? "keychain=" + keychain.directory() : "directory=" + directory)
        + "}";
  }
}
