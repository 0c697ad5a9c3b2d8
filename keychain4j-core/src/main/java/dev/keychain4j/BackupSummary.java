package dev.keychain4j;

/**
 * Counts of the items a backup or restore moved.
 *
 * @param secrets generic secrets written to or restored from the backup
 * @param certificates standalone certificates written or restored
 * @param thisDeviceOnlySkipped items left out because their accessibility is {@code
 *     THIS_DEVICE_ONLY}
 * @param keysNotIncluded keys left out, because private keys never leave their secure element
 */
public record BackupSummary(int secrets, int certificates, int thisDeviceOnlySkipped, int keysNotIncluded) {}
