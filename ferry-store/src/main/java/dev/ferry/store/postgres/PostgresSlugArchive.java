package dev.ferry.store.postgres;

import dev.ferry.core.build.SlugArchive;
import dev.ferry.store.sql.internal.Clocked;
import dev.ferry.store.sql.internal.Database;
import dev.ferry.store.sql.internal.Tx;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The {@link SlugArchive} of a fleet: each slug a PostgreSQL large object, listed in the {@code slugs} table under
 * its SHA-256 id (migration V10), so that a slug built on one control node runs on any other. Both directions go
 * through the JDBC driver's large objects ({@link LargeObjects}) in chunks of the driver's buffer: a slug is never
 * held whole in memory. A slug is stored once: storing an id already there does nothing, and two nodes storing one id at once
 * race in a serializable transaction whose loser, retried, finds the winner's row (its large object rolled back
 * with it). Slugs are kept when apps are destroyed (another app may run the same one). Thread-safe.
 */
public final class PostgresSlugArchive implements SlugArchive {

    private final Database db;
    private final Clocked clock;

    PostgresSlugArchive(Database db, Clocked clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public boolean contains(String slugId) {
        String id = requireId(slugId);
        return db.read(tx -> oidOf(tx, id).isPresent());
    }

    @Override
    public void put(String slugId, Path file) throws IOException {
        String id = requireId(slugId);
        long size = Files.size(file);
        try {
            db.write(tx -> {
                if (oidOf(tx, id).isPresent()) {
                    return null;
                }
                long oid = LargeObjects.write(tx, file);
                tx.update("INSERT INTO slugs (id, content, size_bytes, created_at) VALUES (?, ?, ?, ?)",
                        id, oid, size, clock.now().toEpochMilli());
                return null;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public boolean copyTo(String slugId, OutputStream out) throws IOException {
        String id = requireId(slugId);
        try {
            return db.read(tx -> {
                Optional<Long> oid = oidOf(tx, id);
                if (oid.isEmpty()) {
                    return false;
                }
                LargeObjects.read(tx, oid.get(), out);
                return true;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Optional<Long> oidOf(Tx tx, String id) throws SQLException {
        return tx.one("SELECT content FROM slugs WHERE id = ?", row -> row.getLong(1), id);
    }

    private static String requireId(String slugId) {
        if (slugId == null || !slugId.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a slug id (64 lowercase hex digits): " + slugId);
        }
        return slugId;
    }
}
