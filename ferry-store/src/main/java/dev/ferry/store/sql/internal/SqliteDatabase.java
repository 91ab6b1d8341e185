package dev.ferry.store.sql.internal;

import dev.ferry.core.store.StoreUnavailable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite {@link Database} of the embedded store: one connection for writes and one for reads, each used by
 * one thread at a time, and the transactions run on them.
 *
 * <p>Settings, all made here and nowhere else: WAL journal (readers never block the writer), foreign keys
 * on, {@code synchronous=FULL} (a commit is on the disk before it returns: with WAL, {@code NORMAL} would
 * already survive a {@code kill -9} because committed pages are in the OS cache, but could lose the last
 * commits on a power cut; control-plane writes are few, so the fsync per commit is cheap), and a busy
 * timeout of {@value #BUSY_TIMEOUT_MILLIS} ms for another process holding the file.
 *
 * <p>Threading: SQLite allows one writer, so {@link #write} holds {@code writeLock} for the whole
 * transaction and starts it with {@code BEGIN IMMEDIATE}, taking the file's write lock up front. Reads hold
 * {@code readLock} and see one consistent snapshot. Transactions are begun and ended with explicit
 * statements and the JDBC connection stays in auto-commit mode, because the driver would otherwise open the
 * next transaction right after each commit and keep the file locked while idle.
 */
public final class SqliteDatabase implements Database {

    /** How long a statement waits for another process's lock on the file. */
    public static final int BUSY_TIMEOUT_MILLIS = 5_000;

    private final Path file;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock readLock = new ReentrantLock();
    private final Connection writer;
    private final Connection reader;
    private volatile boolean closed;

    private SqliteDatabase(Path file, Connection writer, Connection reader) {
        this.file = file;
        this.writer = writer;
        this.reader = reader;
    }

    /** The JDBC URL of a database file. */
    public static String url(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    /** Opens the two connections to an existing (migrated) database file. */
    public static SqliteDatabase open(Path file) {
        Connection writer = null;
        try {
            writer = connect(file);
            Connection reader = connect(file);
            return new SqliteDatabase(file, writer, reader);
        } catch (SQLException e) {
            closeQuietly(writer);
            throw new StoreUnavailable("Cannot open the database " + file + ": " + e.getMessage(), e);
        }
    }

    /** A connection with Ferry's settings, in auto-commit mode. */
    public static Connection connect(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        return config.createConnection(url(file));
    }

    @Override
    public <T> T write(Work<T> work) {
        return inTransaction(writeLock, writer, "BEGIN IMMEDIATE", work);
    }

    @Override
    public <T> T read(Work<T> work) {
        return inTransaction(readLock, reader, "BEGIN", work);
    }

    private <T> T inTransaction(ReentrantLock lock, Connection connection, String begin, Work<T> work) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the store is closed");
            }
            execute(connection, begin);
            boolean committed = false;
            try {
                T result = work.run(new Tx(connection));
                execute(connection, "COMMIT");
                committed = true;
                return result;
            } finally {
                if (!committed) {
                    rollback(connection);
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailable("The database " + file + " failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private static void rollback(Connection connection) {
        try {
            execute(connection, "ROLLBACK");
        } catch (SQLException e) {
            // No transaction is active any more: SQLite has rolled it back by itself on this error.
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        readLock.lock();
        try {
            closed = true;
            closeQuietly(writer);
            closeQuietly(reader);
        } finally {
            readLock.unlock();
            writeLock.unlock();
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Nothing is pending on a connection outside a transaction.
            }
        }
    }
}
