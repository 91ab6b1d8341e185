package dev.ferry.store.postgres;

import dev.ferry.store.sql.internal.Tx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.largeobject.LargeObject;
import org.postgresql.largeobject.LargeObjectManager;

/**
 * Files to and from PostgreSQL large objects within a transaction of the store, streamed in the driver's chunks
 * (never a whole file in memory). An {@link IOException} of the file side is thrown as an
 * {@link UncheckedIOException}, which rolls the transaction back.
 */
final class LargeObjects {

    private LargeObjects() {
    }

    /** A new large object holding {@code file}; returns its oid. */
    static long write(Tx tx, Path file) throws SQLException {
        LargeObjectManager objects = of(tx);
        long oid = objects.createLO(LargeObjectManager.READWRITE);
        LargeObject object = objects.open(oid, LargeObjectManager.WRITE);
        try (InputStream in = Files.newInputStream(file); OutputStream out = object.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return oid;
    }

    /** Writes large object {@code oid} to {@code out}. */
    static void read(Tx tx, long oid, OutputStream out) throws SQLException {
        LargeObject object = of(tx).open(oid, LargeObjectManager.READ);
        try (InputStream in = object.getInputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            object.close();
        }
    }

    /** The driver's large objects, in the transaction already begun (the driver refuses them in auto-commit mode). */
    private static LargeObjectManager of(Tx tx) throws SQLException {
        tx.connection().setAutoCommit(false); // inside the open transaction: the driver sends no BEGIN of its own
        return tx.connection().unwrap(PGConnection.class).getLargeObjectAPI();
    }
}
