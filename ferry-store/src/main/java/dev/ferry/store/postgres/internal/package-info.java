/**
 * How the PostgreSQL store talks to its database: {@link dev.ferry.store.postgres.internal.PostgresDatabase}
 * (connections, serializable transactions and their retries, one-statement reads sent alone through a
 * {@code OneStatementGate}),
 * {@link dev.ferry.store.postgres.internal.PostgresMigrations} (Flyway), and
 * {@link dev.ferry.store.postgres.internal.RowCopy}, the table-by-table copy behind {@code store:migrate}.
 */
package dev.ferry.store.postgres.internal;
