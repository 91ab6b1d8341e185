package dev.ferry.store.postgres.internal;

import dev.ferry.core.store.StoreUnavailable;
import dev.ferry.store.postgres.PostgresLocation;
import java.sql.SQLException;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings a PostgreSQL database to the newest schema with Flyway, from the versioned scripts in
 * {@code db/migration/postgresql} on the class path. Flyway holds a PostgreSQL advisory lock while it migrates,
 * so control nodes starting at once on a new database migrate it once. An up-to-date database is left as it is.
 */
public final class PostgresMigrations {

    /** Where the PostgreSQL scripts are; the SQLite store has its own folder. */
    public static final String LOCATION = "classpath:db/migration/postgresql";

    private PostgresMigrations() {
    }

    /** Applies the pending migrations; returns how many ran. */
    public static int migrate(PostgresLocation location) {
        try {
            Flyway flyway = Flyway.configure(PostgresMigrations.class.getClassLoader())
                    .dataSource(location.dataSource())
                    .locations(LOCATION)
                    .failOnMissingLocations(true)
                    .validateMigrationNaming(true)
                    .load();
            return flyway.migrate().migrationsExecuted;
        } catch (FlywayException e) {
            Optional<SQLException> sql = sqlCause(e);
            if (sql.isPresent() && SqlStates.isConnectionFailure(sql.get())) {
                throw new StoreUnavailable("Cannot connect to the PostgreSQL database " + location + ": "
                        + sql.get().getMessage(), e);
            }
            throw new StoreUnavailable("Cannot bring the PostgreSQL database " + location + " to the current schema: "
                    + sql.map(SQLException::getMessage).orElse(e.getMessage()), e);
        }
    }

    /** The database's own error under Flyway's report, which repeats it over several lines. */
    private static Optional<SQLException> sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }
}
