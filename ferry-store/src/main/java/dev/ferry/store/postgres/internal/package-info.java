/**
 * How the PostgreSQL store talks to its database: {@link dev.ferry.store.postgres.internal.PostgresDatabase}
 * (connections, serializable transactions and their retries) and
 * {@link dev.ferry.store.postgres.internal.PostgresMigrations} (Flyway).
 */
package dev.ferry.store.postgres.internal;
