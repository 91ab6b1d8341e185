package dev.ferry.store.sql.internal;

import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseStatus;
import dev.ferry.core.store.UserId;
import dev.ferry.store.sql.internal.AppRows.AppRow;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL for {@code releases} and {@code release_process_types}; a release's config vars are copied by
 * {@link ConfigRows#snapshot}.
 */
public final class ReleaseRows {

    /** What a new release is made of, besides the app's current config vars. */
    public record Draft(String description, ReleaseStatus status, Optional<String> slugId,
                        Map<String, String> processTypes, UserId createdBy) {
    }

    private record Head(int version, String description, ReleaseStatus status, Optional<String> slugId,
                        UserId createdBy, Instant createdAt) {
    }

    private static final String COLUMNS = "version, description, status, slug_id, created_by, created_at";

    private final ConfigRows config;

    public ReleaseRows(ConfigRows config) {
        this.config = config;
    }

    /** Creates the app's next release with its current config vars and returns it. */
    public Release create(Tx tx, AppRow app, Draft draft, Instant now) throws SQLException {
        Map<String, String> processTypes = Release.copyProcessTypes(draft.processTypes());
        int version = AppRows.nextVersion(tx, app);
        tx.update("INSERT INTO releases (app_id, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                app.id(), version, draft.description(), draft.status().name(),
                draft.slugId().<Object>map(s -> s).orElse(Tx.SqlNull.VARCHAR), draft.createdBy().value(),
                now.toEpochMilli());
        for (Map.Entry<String, String> type : processTypes.entrySet()) {
            tx.update("INSERT INTO release_process_types (app_id, version, process_type, command) VALUES (?, ?, ?, ?)",
                    app.id(), version, type.getKey(), type.getValue());
        }
        config.snapshot(tx, app, version);
        return find(tx, app, version).orElseThrow();
    }

    public Optional<Release> find(Tx tx, AppRow app, int version) throws SQLException {
        Optional<Head> head = tx.one("SELECT " + COLUMNS + " FROM releases WHERE app_id = ? AND version = ?",
                ReleaseRows::head, app.id(), version);
        return head.isEmpty() ? Optional.empty() : Optional.of(complete(tx, app, head.get()));
    }

    /** Up to {@code limit} releases older than {@code beforeVersion} (all when empty), newest first. */
    public List<Release> newestFirst(Tx tx, AppRow app, Optional<Integer> beforeVersion, int limit)
            throws SQLException {
        List<Head> heads = tx.list("SELECT " + COLUMNS + " FROM releases WHERE app_id = ? AND version < ?"
                        + " ORDER BY version DESC LIMIT ?",
                ReleaseRows::head, app.id(), beforeVersion.orElse(Integer.MAX_VALUE), limit);
        List<Release> releases = new ArrayList<>(heads.size());
        for (Head head : heads) {
            releases.add(complete(tx, app, head));
        }
        return releases;
    }

    /** The newest release of any status. */
    public Optional<Release> newest(Tx tx, AppRow app) throws SQLException {
        return newestFirst(tx, app, Optional.empty(), 1).stream().findFirst();
    }

    /** The version of the newest succeeded release older than {@code beforeVersion}. */
    public Optional<Integer> newestSucceededVersion(Tx tx, AppRow app, int beforeVersion) throws SQLException {
        long version = tx.longValue("SELECT MAX(version) FROM releases WHERE app_id = ? AND status = ? AND version < ?",
                0, app.id(), ReleaseStatus.SUCCEEDED.name(), beforeVersion);
        return version == 0 ? Optional.empty() : Optional.of((int) version);
    }

    /** Moves a release out of PENDING; false when it was not pending. */
    public boolean finish(Tx tx, AppRow app, int version, ReleaseStatus status) throws SQLException {
        return tx.update("UPDATE releases SET status = ? WHERE app_id = ? AND version = ? AND status = ?",
                status.name(), app.id(), version, ReleaseStatus.PENDING.name()) == 1;
    }

    private Release complete(Tx tx, AppRow app, Head head) throws SQLException {
        Map<String, String> processTypes = new LinkedHashMap<>();
        tx.list("SELECT process_type, command FROM release_process_types WHERE app_id = ? AND version = ?",
                        row -> processTypes.put(row.getString("process_type"), row.getString("command")),
                        app.id(), head.version());
        return new Release(app.name(), head.version(), head.description(), head.status(),
                config.ofRelease(tx, app, head.version()), head.slugId(), processTypes, head.createdBy(),
                head.createdAt());
    }

    private static Head head(java.sql.ResultSet row) throws SQLException {
        return new Head(row.getInt("version"), row.getString("description"),
                ReleaseStatus.valueOf(row.getString("status")), Optional.ofNullable(row.getString("slug_id")),
                new UserId(row.getLong("created_by")), Instant.ofEpochMilli(row.getLong("created_at")));
    }
}
