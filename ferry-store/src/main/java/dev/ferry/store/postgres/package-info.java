/**
 * The PostgreSQL store of a fleet: {@link dev.ferry.store.postgres.PostgresStore}, opened at a
 * {@link dev.ferry.store.postgres.PostgresLocation}, and {@link dev.ferry.store.postgres.SqliteToPostgres}, which
 * copies an embedded platform's SQLite data into a new PostgreSQL database.
 */
package dev.ferry.store.postgres;
