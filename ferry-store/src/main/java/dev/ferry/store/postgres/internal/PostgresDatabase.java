package dev.ferry.store.postgres.internal;

import dev.ferry.core.store.StoreUnavailable;
import dev.ferry.store.postgres.PostgresLocation;
import dev.ferry.store.sql.internal.Database;
import dev.ferry.store.sql.internal.Tx;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The PostgreSQL {@link Database} of the shared store: up to {@value #DEFAULT_CONNECTIONS} connections, opened
 * when first needed and kept, each running one transaction at a time.
 *
 * <p>Writes run at {@code SERIALIZABLE} isolation, so that the use cases' check-then-write steps (is the name
 * free? then insert it) hold against other threads and other control nodes as SQLite's single writer makes them
 * hold: a transaction that lost such a race fails with a serialization failure, a deadlock or a unique
 * violation, nothing of it is written, and it is run again from the start (up to {@value #MAX_ATTEMPTS} times,
 * after a pause of a few random milliseconds), when it now sees the other's row and throws the named
 * exception. Reads run at {@code REPEATABLE READ, READ ONLY}: one consistent snapshot, never waiting.
 *
 * <p>A read that is one SELECT needs no transaction around it: a single statement sees one snapshot of its own,
 * so it runs alone in auto-commit, one round trip instead of three ({@code BEGIN}, the query, {@code COMMIT}).
 * Every read is first tried that way; when it reaches for a second statement (or a write, or the raw connection)
 * it is stopped before that statement is sent and run again from the start in a read transaction, and its call
 * site (the class of its {@link Work}) goes to a set of reads that need one, so that it is tried alone only
 * once. Nothing a read returns ever mixes two snapshots. Writes are untouched.
 *
 * <p>A connection that failed (the server restarted, the network dropped it) is discarded; the transaction is
 * run again on another unless the failure came while committing, when whether it committed is unknown and
 * {@link StoreUnavailable} says so. When the server cannot be reached, every call throws
 * {@link StoreUnavailable} naming the database; the next call tries again.
 */
public final class PostgresDatabase implements Database {

    /** How many connections one store holds at most. */
    public static final int DEFAULT_CONNECTIONS = 8;
    /** How many times one transaction runs before a conflict is reported. */
    public static final int MAX_ATTEMPTS = 20;
    private static final long WAIT_FOR_CONNECTION_SECONDS = 10;

    private final PostgresLocation location;
    private final DataSource source;
    private final Semaphore slots;
    private final int size;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final Set<Class<?>> readsOfSeveralStatements = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public PostgresDatabase(PostgresLocation location, int connections) {
        this.location = location;
        this.source = location.dataSource();
        this.size = connections;
        this.slots = new Semaphore(connections);
    }

    @Override
    public <T> T write(Work<T> work) {
        return inTransaction("BEGIN ISOLATION LEVEL SERIALIZABLE", work, false);
    }

    @Override
    public <T> T read(Work<T> work) {
        return inTransaction("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", work,
                !readsOfSeveralStatements.contains(work.getClass()));
    }

    private <T> T inTransaction(String begin, Work<T> work, boolean tryAlone) {
        for (int attempt = 1; ; attempt++) {
            Connection connection = borrow();
            boolean broken = false;
            boolean committing = false;
            try {
                if (tryAlone) {
                    try {
                        return work.run(new Tx(connection, new OneStatementGate()));
                    } catch (OneStatementGate.NeedsTransaction e) {
                        readsOfSeveralStatements.add(work.getClass());
                        tryAlone = false;
                        attempt--;
                        continue; // nothing was written and no transaction is open: run it again, in one
                    }
                }
                execute(connection, begin);
                boolean committed = false;
                try {
                    T result = work.run(new Tx(connection));
                    committing = true;
                    execute(connection, "COMMIT");
                    committed = true;
                    return result;
                } finally {
                    if (!committed) {
                        rollback(connection);
                    }
                }
            } catch (SQLException e) {
                broken = SqlStates.isConnectionFailure(e);
                boolean again = committing ? SqlStates.isConflict(e) : SqlStates.isConflict(e) || broken;
                if (again && attempt < MAX_ATTEMPTS) {
                    pause(attempt);
                    continue;
                }
                throw failure(e, committing && broken);
            } finally {
                giveBack(connection, broken);
            }
        }
    }

    private StoreUnavailable failure(SQLException e, boolean outcomeUnknown) {
        if (outcomeUnknown) {
            return new StoreUnavailable("The connection to the PostgreSQL database " + location + " failed while"
                    + " committing, so whether the change was made is unknown: " + e.getMessage(), e);
        }
        if (SqlStates.isConflict(e)) {
            return new StoreUnavailable("The PostgreSQL database " + location + " kept refusing the change because of"
                    + " concurrent ones (" + MAX_ATTEMPTS + " attempts); nothing was written: " + e.getMessage(), e);
        }
        return new StoreUnavailable("The PostgreSQL database " + location + " failed: " + e.getMessage(), e);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 2 + 4L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailable("Interrupted while retrying a transaction", e);
        }
    }

    private Connection borrow() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        try {
            if (!slots.tryAcquire(WAIT_FOR_CONNECTION_SECONDS, TimeUnit.SECONDS)) {
                throw new StoreUnavailable("All " + size + " connections to the PostgreSQL database " + location
                        + " stayed busy for " + WAIT_FOR_CONNECTION_SECONDS + " s", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailable("Interrupted while waiting for a connection to " + location, e);
        }
        Connection connection = idle.pollFirst();
        if (connection != null) {
            return connection;
        }
        try {
            return source.getConnection();
        } catch (SQLException e) {
            slots.release();
            throw new StoreUnavailable("Cannot connect to the PostgreSQL database " + location + ": " + e.getMessage(), e);
        }
    }

    private void giveBack(Connection connection, boolean broken) {
        if (broken || closed || !inAutoCommit(connection)) {
            closeQuietly(connection);
        } else {
            idle.offerFirst(connection);
            if (closed && idle.remove(connection)) {
                closeQuietly(connection);
            }
        }
        slots.release();
    }

    /**
     * Whether the driver runs {@code connection} in auto-commit again, as every transaction here expects (it begins
     * and ends them by SQL); work that needs the driver's own transaction mode (large objects) leaves it.
     */
    private static boolean inAutoCommit(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true); // the transaction was ended by COMMIT or ROLLBACK: nothing is pending
            }
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void rollback(Connection connection) {
        try {
            execute(connection, "ROLLBACK");
        } catch (SQLException e) {
            // The connection is gone or the transaction already ended: nothing of it was committed.
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Connection connection; (connection = idle.pollFirst()) != null; ) {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing a broken connection fails the same way; nothing is pending on it.
        }
    }
}
