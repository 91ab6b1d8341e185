package dev.ferry.core.addons;

import java.io.InputStream;
import java.util.List;

/**
 * The backups of PostgreSQL add-ons ({@code pg:backups:*}): dumps made with the host's {@code pg_dump} in its custom
 * format, kept as files like slugs (never whole in memory), and restored with {@code pg_restore} as the add-on's own
 * role. The control API calls it with the URL of the add-on's current credentials; the implementation lives in
 * ferry-addons and is wired in the platform. Safe for use by many threads; captures of one add-on run one at a time.
 */
public interface AddonBackups {

    /**
     * Dumps the add-on's database into a new backup, numbered after the newest one.
     *
     * @param url the add-on's URL with its credentials
     * @throws AddonBackupFailed when pg_dump fails (nothing is kept)
     */
    AddonBackup capture(String addon, String url);

    /** The add-on's backups, oldest first; empty when it has none. */
    List<AddonBackup> backups(String addon);

    /**
     * The dump of one backup, to be streamed and closed by the caller.
     *
     * @throws AddonNotFound when the add-on has no such backup
     */
    InputStream open(String addon, String backupId);

    /**
     * Restores a backup into the add-on's database with {@code pg_restore --clean} in one transaction, so that a
     * failure leaves the database as it was. Objects that are not in the backup (tables made after it) are kept.
     *
     * @throws AddonNotFound     when the add-on has no such backup
     * @throws AddonBackupFailed when pg_restore fails, with its reason
     */
    void restore(String addon, String backupId, String url);

    /**
     * Deletes one backup.
     *
     * @throws AddonNotFound when the add-on has no such backup
     */
    void delete(String addon, String backupId);

    /** Deletes every backup of an add-on (it was destroyed, or a new add-on takes its name); none is not an error. */
    void deleteAll(String addon);
}
