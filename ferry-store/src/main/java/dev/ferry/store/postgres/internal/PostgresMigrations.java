package dev.ferry.store.postgres.internal;

import dev.ferry.core.store.StoreUnavailable;
import dev.ferry.store.postgres.PostgresLocation;
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
            throw new StoreUnavailable("Cannot bring the PostgreSQL database " + location + " to the current schema: "
                    + e.getMessage(), e);
        }
    }
}
