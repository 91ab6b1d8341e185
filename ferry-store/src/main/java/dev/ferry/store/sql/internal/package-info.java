/**
 * The parts every SQL store shares, SQLite's and PostgreSQL's: the {@link dev.ferry.store.sql.internal.Database}
 * contract (one transaction per use case) with its SQLite implementation
 * {@link dev.ferry.store.sql.internal.SqliteDatabase} and SQLite's {@link dev.ferry.store.sql.internal.Migrations},
 * the {@code *Rows} classes that hold the portable SQL, the {@code *Commands} use cases (one class per port of
 * the store: {@code AccountCommands}, with {@code SshKeyCommands}, {@code AppCommands}, {@code ReleaseCommands},
 * {@code BuildCommands}, {@code DrainCommands}, {@code EventCommands}), and
 * {@link dev.ferry.store.sql.internal.ConfigCipher} with its {@link dev.ferry.store.sql.internal.KeyCheck} and
 * {@link dev.ferry.store.sql.internal.SecretKeyFile}.
 */
package dev.ferry.store.sql.internal;
