package dev.ferry.store.sql;

import dev.ferry.core.store.AccountStore;
import dev.ferry.core.store.AppLimits;
import dev.ferry.core.store.AppStore;
import dev.ferry.core.store.BuildStore;
import dev.ferry.core.store.ComposedStore;
import dev.ferry.core.store.DrainStore;
import dev.ferry.core.store.EventStore;
import dev.ferry.core.store.ReleaseStore;
import dev.ferry.core.store.Store;
import dev.ferry.store.sql.internal.Clocked;
import dev.ferry.store.sql.internal.ConfigCipher;
import dev.ferry.store.sql.internal.Database;
import dev.ferry.store.sql.internal.KeyCheck;
import dev.ferry.store.sql.internal.Migrations;
import dev.ferry.store.sql.internal.SqlStore;
import dev.ferry.store.sql.internal.SqliteDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The embedded {@link Store}: one SQLite file ({@code <data-dir>/ferry.db}) brought to the current schema by
 * Flyway when opened, with config vars encrypted by AES-256-GCM under the key in {@code <data-dir>/secret.key}
 * (created, mode 0600, on first open), or a {@link ConfigKey} given instead. Opening refuses a key file that is
 * missing or a key that is not the one the database was written with, naming the file and the fingerprints.
 *
 * <p>Each method is one SQLite transaction on a WAL database with {@code synchronous=FULL}: once a method
 * returns, its change is on the disk and survives a {@code kill -9} or a power cut; one that throws changed
 * nothing. Writes are serialised on one connection (SQLite has one writer); reads use another and do not
 * wait for writes. Safe for use by many threads; {@link #close} when done.
 *
 * <p>Each port of the store is one {@code *Commands} class over the same database: {@code AccountCommands}
 * ({@link AccountStore}), {@code AppCommands} ({@link AppStore}), {@code ReleaseCommands} ({@link ReleaseStore}),
 * {@code BuildCommands} ({@link BuildStore}), {@code DrainCommands} ({@link DrainStore}) and {@code EventCommands}
 * ({@link EventStore}); {@link ComposedStore} hands each call to its class.
 */
public final class SqliteStore extends SqlStore {

    /** The database file's name in the data directory. */
    public static final String DATABASE_FILE = "ferry.db";
    /** The key file's name in the data directory. */
    public static final String KEY_FILE = "secret.key";

    private final Database db;
    private final Clocked clock;

    private SqliteStore(Database db, ConfigCipher cipher, Clocked clock, AppLimits limits) {
        super(db, cipher, clock, limits);
        this.db = db;
        this.clock = clock;
    }

    /** Opens {@code <dataDir>/ferry.db} with the key in {@code <dataDir>/secret.key}, creating what is missing. */
    public static SqliteStore openInDataDir(Path dataDir) {
        return openInDataDir(dataDir, AppLimits.DEFAULT);
    }

    /** As {@link #openInDataDir(Path)}, with the apps' limits. */
    public static SqliteStore openInDataDir(Path dataDir, AppLimits limits) {
        return open(dataDir.resolve(DATABASE_FILE), dataDir.resolve(KEY_FILE), Clock.systemUTC(), limits);
    }

    /** As {@link #openInDataDir(Path, AppLimits)}, with the config key from {@code key} instead of the data dir's file. */
    public static SqliteStore openInDataDir(Path dataDir, ConfigKey key, AppLimits limits) {
        return open(dataDir.resolve(DATABASE_FILE), key, Clock.systemUTC(), limits);
    }

    /** Opens (creating or migrating when needed) {@code dbFile}, with the config key in {@code keyFile}. */
    public static SqliteStore open(Path dbFile, Path keyFile) {
        return open(dbFile, keyFile, Clock.systemUTC());
    }

    /** As {@link #open(Path, Path)}, with the clock that stamps records. */
    public static SqliteStore open(Path dbFile, Path keyFile, Clock clock) {
        return open(dbFile, keyFile, clock, AppLimits.DEFAULT);
    }

    /** As {@link #open(Path, Path)}, with the clock that stamps records and the apps' limits. */
    public static SqliteStore open(Path dbFile, Path keyFile, Clock clock, AppLimits limits) {
        return open(dbFile, ConfigKey.file(keyFile), clock, limits);
    }

    /** As {@link #open(Path, Path, Clock, AppLimits)}, with the config key from {@code key}. */
    public static SqliteStore open(Path dbFile, ConfigKey key, Clock clock, AppLimits limits) {
        try {
            Files.createDirectories(dbFile.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the directory of " + dbFile, e);
        }
        Migrations.migrate(dbFile);
        Database db = SqliteDatabase.open(dbFile);
        try {
            return new SqliteStore(db, KeyCheck.cipherFor(db, dbFile.toString(), key), new Clocked(clock), limits);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    @Override
    public void checkWritable() {
        db.write(tx -> tx.update("INSERT OR REPLACE INTO write_probe (id, checked_at) VALUES (1, ?)",
                clock.now().toEpochMilli()));
    }

    @Override
    public void close() {
        db.close();
    }
}
