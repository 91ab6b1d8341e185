/**
 * The SQL stores' public face: {@link dev.ferry.store.sql.SqliteStore}, the embedded store, every port of the
 * {@link dev.ferry.core.store.Store} kept in a SQLite file in the data directory, and
 * {@link dev.ferry.store.sql.ConfigKey}, where a SQL store (this one or PostgreSQL's) finds its config key.
 */
package dev.ferry.store.sql;
