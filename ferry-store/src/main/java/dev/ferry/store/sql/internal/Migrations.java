package dev.ferry.store.sql.internal;

import dev.ferry.core.store.StoreUnavailable;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings a SQLite database file to the newest schema with Flyway, from the versioned scripts in
 * {@code db/migration/sqlite} on the class path. An up-to-date file is left as it is.
 */
public final class Migrations {

    /** Where the SQLite scripts are; the PostgreSQL store has its own folder. */
    public static final String LOCATION = "classpath:db/migration/sqlite";

    private Migrations() {
    }

    /** Applies the pending migrations; returns how many ran. */
    public static int migrate(Path file) {
        try {
            Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(SqliteDatabase.url(file), null, null)
                    .locations(LOCATION)
                    .failOnMissingLocations(true)
                    .validateMigrationNaming(true)
                    .load();
            return flyway.migrate().migrationsExecuted;
        } catch (FlywayException e) {
            throw new StoreUnavailable("Cannot bring the database " + file + " to the current schema: "
                    + e.getMessage(), e);
        }
    }
}
