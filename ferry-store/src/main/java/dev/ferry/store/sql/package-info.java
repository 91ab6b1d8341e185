/**
 * The embedded control-plane store: {@link dev.ferry.store.sql.SqliteStore}, every port of the
 * {@link dev.ferry.core.store.Store} kept in a SQLite file in the data directory.
 */
package dev.ferry.store.sql;
