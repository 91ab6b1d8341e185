package dev.ferry.core.api;

/**
 * A backup of a PostgreSQL add-on, in {@code GET /api/addons/{name}/backups} and as the answer of capturing one.
 *
 * @param id        {@code b001}, {@code b002}… within the add-on
 * @param addon     the add-on's name
 * @param sizeBytes the size of the dump (pg_dump's custom format, compressed)
 * @param createdAt ISO-8601 UTC, when the dump finished
 */
public record AddonBackupInfo(String id, String addon, long sizeBytes, String createdAt) {
}
