package dev.ferry.store.postgres;

import dev.ferry.core.build.RepositoryArchive;
import dev.ferry.core.store.AppName;
import dev.ferry.core.work.AppLocks;
import dev.ferry.store.sql.internal.Clocked;
import dev.ferry.store.sql.internal.Database;
import dev.ferry.store.sql.internal.Tx;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@link RepositoryArchive} of a fleet: each app's repository one git bundle, a large object in the
 * {@code app_repositories} table (migration V11) keyed by the app's id, so that a rename keeps it and destroying
 * the app unlinks it (a trigger). Storing replaces the row and its object in one transaction; versions come from
 * one sequence. The lock is a session advisory lock of its own key space ({@link PostgresAppLocks}), apart from
 * the deploy locks that the push's own deploy takes. Thread-safe.
 */
public final class PostgresRepositoryArchive implements RepositoryArchive {

    private final Database db;
    private final Clocked clock;
    private final AppLocks locks;

    PostgresRepositoryArchive(Database db, Clocked clock, PostgresLocation location) {
        this.db = db;
        this.clock = clock;
        this.locks = new PostgresAppLocks(location, PostgresAppLocks.REPOSITORY_LOCKS, "receiving a push to");
    }

    @Override
    public long version(AppName app) {
        return db.read(tx -> stored(tx, app).map(Stored::version).orElse(0L));
    }

    @Override
    public long copyTo(AppName app, OutputStream out) throws IOException {
        try {
            return db.read(tx -> {
                Optional<Stored> stored = stored(tx, app);
                if (stored.isEmpty()) {
                    return 0L;
                }
                LargeObjects.read(tx, stored.get().content(), out);
                return stored.get().version();
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public long put(AppName app, Path bundle) throws IOException {
        long size = Files.size(bundle);
        try {
            return db.write(tx -> {
                Optional<Long> appId = tx.one("SELECT id FROM apps WHERE name = ?", row -> row.getLong(1), app.value());
                if (appId.isEmpty()) {
                    return 0L; // destroyed meanwhile: nothing to keep
                }
                tx.update("DELETE FROM app_repositories WHERE app_id = ?", appId.get());
                long oid = LargeObjects.write(tx, bundle);
                long version = tx.longValue("SELECT nextval('app_repository_versions')", 0);
                tx.update("INSERT INTO app_repositories (app_id, version, content, size_bytes, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?)", appId.get(), version, oid, size, clock.now().toEpochMilli());
                return version;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public AppLocks.Held lock(AppName app, Duration wait) {
        return locks.lock(app, wait);
    }

    private record Stored(long version, long content) {
    }

    private static Optional<Stored> stored(Tx tx, AppName app) throws SQLException {
        return tx.one("SELECT r.version, r.content FROM app_repositories r JOIN apps a ON a.id = r.app_id"
                + " WHERE a.name = ?", row -> new Stored(row.getLong(1), row.getLong(2)), app.value());
    }
}
