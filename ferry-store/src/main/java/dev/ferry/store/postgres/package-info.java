/**
 * The PostgreSQL store of a fleet: {@link dev.ferry.store.postgres.PostgresStore}, opened at a
 * {@link dev.ferry.store.postgres.PostgresLocation}, and {@link dev.ferry.store.postgres.SqliteToPostgres}, which
 * copies an embedded platform's SQLite data into a new PostgreSQL database; the fleet's coordination in it
 * ({@link dev.ferry.store.postgres.PostgresSlugArchive}, {@link dev.ferry.store.postgres.PostgresLeases},
 * {@link dev.ferry.store.postgres.PostgresAppLocks}, {@link dev.ferry.store.postgres.PostgresBuildHeartbeats}).
 */
package dev.ferry.store.postgres;
