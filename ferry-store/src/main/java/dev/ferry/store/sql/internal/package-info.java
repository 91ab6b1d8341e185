/**
 * The SQL store's parts: {@link dev.ferry.store.sql.internal.Database} (connections and transactions),
 * {@link dev.ferry.store.sql.internal.Migrations}, the {@code *Rows} classes that hold the portable SQL, the
 * {@code *Commands} use cases, and {@link dev.ferry.store.sql.internal.ConfigCipher} with its
 * {@link dev.ferry.store.sql.internal.SecretKeyFile}.
 */
package dev.ferry.store.sql.internal;
