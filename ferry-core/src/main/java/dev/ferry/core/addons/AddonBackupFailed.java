package dev.ferry.core.addons;

import dev.ferry.core.store.StoreException;

/**
 * {@code pg_dump} or {@code pg_restore} failed; the message says why, in the program's own words. A failed capture
 * keeps no file; a failed restore changed nothing (it runs in one transaction).
 */
public final class AddonBackupFailed extends StoreException {

    public AddonBackupFailed(String message) {
        super("addon_backup_failed", message);
    }
}
