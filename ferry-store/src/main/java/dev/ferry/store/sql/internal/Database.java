package dev.ferry.store.sql.internal;

import java.sql.SQLException;

/**
 * The database behind a SQL store, as the {@code *Commands} classes use it: each use case is one {@link #write}
 * or one {@link #read} transaction, whatever the database. {@link SqliteDatabase} is the embedded one; the
 * PostgreSQL store has its own. Safe for use by many threads.
 */
public interface Database extends AutoCloseable {

    /**
     * Work done inside one transaction. A database may run it more than once (PostgreSQL retries a transaction
     * that lost a race with another writer, and runs a read again in a transaction when it turns out to be more
     * than one statement), so it must do nothing outside the transaction but compute: anything it gathers is made
     * inside it and returned.
     */
    @FunctionalInterface
    interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    /** Runs {@code work} in one write transaction: all of it is committed, or nothing when it throws. */
    <T> T write(Work<T> work);

    /** Runs {@code work} in one read transaction, which sees one consistent state of the database. */
    <T> T read(Work<T> work);

    @Override
    void close();
}
