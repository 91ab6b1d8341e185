package dev.ferry.store.postgres;

import dev.ferry.core.store.Build;
import dev.ferry.core.store.BuildHeartbeats;
import dev.ferry.core.store.BuildId;
import dev.ferry.core.store.BuildStatus;
import dev.ferry.core.store.EventAction;
import dev.ferry.store.sql.internal.AppRows;
import dev.ferry.store.sql.internal.BuildRows;
import dev.ferry.store.sql.internal.Clocked;
import dev.ferry.store.sql.internal.Database;
import dev.ferry.store.sql.internal.EventRows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link BuildHeartbeats} on the {@code builds} table's {@code node} and {@code heartbeat_at} columns (migration
 * V10). Stalled builds are taken with {@code SELECT … FOR UPDATE SKIP LOCKED}, so nodes sweeping at once each fail
 * different builds and none waits on another's rows; each failure records its {@code build.finish} event in the
 * same transaction. Thread-safe.
 */
public final class PostgresBuildHeartbeats implements BuildHeartbeats {

    private final Database db;
    private final Clocked clock;
    private final String node;

    PostgresBuildHeartbeats(Database db, Clocked clock, String node) {
        this.db = db;
        this.clock = clock;
        this.node = node;
    }

    @Override
    public int beat() {
        return db.write(tx -> tx.update("UPDATE builds SET heartbeat_at = ? WHERE node = ? AND status IN (?, ?)",
                clock.now().toEpochMilli(), node, BuildStatus.QUEUED.name(), BuildStatus.RUNNING.name()));
    }

    @Override
    public List<Build> failStalled(Duration timeout) {
        return db.write(tx -> {
            Instant now = clock.now();
            List<Long> ids = tx.list("SELECT id FROM builds WHERE status IN (?, ?) AND node <> ?"
                            + " AND COALESCE(heartbeat_at, created_at) < ? ORDER BY id FOR UPDATE SKIP LOCKED",
                    row -> row.getLong(1), BuildStatus.QUEUED.name(), BuildStatus.RUNNING.name(), node,
                    now.minus(timeout).toEpochMilli());
            List<Build> failed = new ArrayList<>();
            for (long raw : ids) {
                BuildId id = new BuildId(raw);
                Build build = BuildRows.find(tx, id).orElseThrow();
                String owner = tx.one("SELECT node FROM builds WHERE id = ?", row -> row.getString(1), raw).orElseThrow();
                String reason = "the control node " + owner + " that received this push stopped answering (no"
                        + " heartbeat for " + timeout.toSeconds() + " s); push again";
                BuildRows.fail(tx, id, reason, now);
                EventRows.record(tx, Optional.empty(), AppRows.find(tx, build.app()), EventAction.BUILD_FINISH,
                        "Build " + id + " failed: its control node stopped", now);
                failed.add(BuildRows.find(tx, id).orElseThrow());
            }
            return failed;
        });
    }
}
