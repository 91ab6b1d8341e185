package dev.ferry.store.postgres;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.StoreUnavailable;
import dev.ferry.core.work.AppLocks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link AppLocks} as PostgreSQL session advisory locks ({@code pg_try_advisory_lock}), one per app name, each
 * held on a connection of its own that closing the lock closes: a node that dies or loses the database releases
 * its locks with its connections. Waiting polls every 100 ms rather than blocking in the server, so a wait has a
 * bound. The lock key is the pair (a constant for Ferry's deploys, {@code hashtext} of the app's name); the
 * apps' repositories have locks of their own ({@link #REPOSITORY_LOCKS}), since a push holds its app's repository
 * while its deploy takes the app's deploy lock on another connection.
 */
public final class PostgresAppLocks implements AppLocks {

    /** The first half of every key, so that these locks do not meet other advisory locks (Flyway's). */
    static final int DEPLOY_LOCKS = 0x46525944;
    /** The first half of the keys of the apps' repositories' locks (decision 035). */
    static final int REPOSITORY_LOCKS = 0x46525250;
    private static final long POLL_MILLIS = 100;

    private final PostgresLocation location;
    private final DataSource source;
    private final int namespace;
    private final String activity;

    PostgresAppLocks(PostgresLocation location) {
        this(location, DEPLOY_LOCKS, "deploying");
    }

    /**
     * @param namespace the first half of each key
     * @param activity  what a holder does with the app, for the messages ("deploying")
     */
    PostgresAppLocks(PostgresLocation location, int namespace, String activity) {
        this.location = location;
        this.source = location.dataSource();
        this.namespace = namespace;
        this.activity = activity;
    }

    @Override
    public Optional<Held> tryLock(AppName app) {
        Connection connection = connect(app);
        try {
            if (tryOn(connection, app)) {
                return Optional.of(() -> closeQuietly(connection));
            }
        } catch (SQLException e) {
            closeQuietly(connection);
            throw unavailable(app, e);
        }
        closeQuietly(connection);
        return Optional.empty();
    }

    @Override
    public Held lock(AppName app, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        Connection connection = connect(app);
        try {
            while (!tryOn(connection, app)) {
                if (System.nanoTime() > deadline) {
                    closeQuietly(connection);
                    throw new StoreUnavailable("Another control node kept " + activity + " " + app + " for "
                            + wait.toSeconds() + " s; nothing was changed, try again", null);
                }
                Thread.sleep(POLL_MILLIS);
            }
            return () -> closeQuietly(connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw unavailable(app, e);
        } catch (InterruptedException e) {
            closeQuietly(connection);
            Thread.currentThread().interrupt();
            throw new StoreUnavailable("Interrupted while waiting to lock " + app, e);
        }
    }

    private Connection connect(AppName app) {
        try {
            return source.getConnection();
        } catch (SQLException e) {
            throw unavailable(app, e);
        }
    }

    private boolean tryOn(Connection connection, AppName app) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
            s.setInt(1, namespace);
            s.setString(2, app.value());
            try (ResultSet row = s.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    private StoreUnavailable unavailable(AppName app, SQLException e) {
        return new StoreUnavailable("Cannot lock " + app + " for " + activity + " in the PostgreSQL database " + location
                + ": " + e.getMessage(), e);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // The session is gone: so is its lock.
        }
    }
}
