package dev.ferry.store.postgres;

import dev.ferry.core.build.BuildLogArchive;
import dev.ferry.core.store.BuildId;
import dev.ferry.store.sql.internal.Database;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@link BuildLogArchive} of a fleet: each build's kept output a large object in the {@code build_logs} table
 * (migration V10), streamed both ways ({@link LargeObjects}). Storing again replaces the object in the same
 * transaction; a row's object is unlinked with the row (a trigger), so destroying an app leaves none behind.
 * Thread-safe.
 */
public final class PostgresBuildLogArchive implements BuildLogArchive {

    private final Database db;

    PostgresBuildLogArchive(Database db) {
        this.db = db;
    }

    @Override
    public void put(BuildId id, Path file) throws IOException {
        long size = Files.size(file);
        try {
            db.write(tx -> {
                tx.update("DELETE FROM build_logs WHERE build_id = ?", id.value());
                long oid = LargeObjects.write(tx, file);
                return tx.update("INSERT INTO build_logs (build_id, content, size_bytes) VALUES (?, ?, ?)",
                        id.value(), oid, size);
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public boolean copyTo(BuildId id, OutputStream out) throws IOException {
        try {
            return db.read(tx -> {
                Optional<Long> oid = tx.one("SELECT content FROM build_logs WHERE build_id = ?", row -> row.getLong(1),
                        id.value());
                if (oid.isPresent()) {
                    LargeObjects.read(tx, oid.get(), out);
                }
                return oid.isPresent();
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
