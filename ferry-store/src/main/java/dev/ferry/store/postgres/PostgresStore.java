package dev.ferry.store.postgres;

import dev.ferry.core.build.BuildLogArchive;
import dev.ferry.core.build.RepositoryArchive;
import dev.ferry.core.build.SlugArchive;
import dev.ferry.core.store.AppLimits;
import dev.ferry.core.store.BuildHeartbeats;
import dev.ferry.core.store.Store;
import dev.ferry.store.postgres.internal.PostgresDatabase;
import dev.ferry.store.postgres.internal.PostgresMigrations;
import dev.ferry.core.work.AppLocks;
import dev.ferry.core.work.Leases;
import dev.ferry.store.sql.ConfigKey;
import dev.ferry.store.sql.internal.BuildCommands;
import dev.ferry.store.sql.internal.Clocked;
import dev.ferry.store.sql.internal.ConfigCipher;
import dev.ferry.store.sql.internal.Database;
import dev.ferry.store.sql.internal.KeyCheck;
import dev.ferry.store.sql.internal.SqlStore;
import java.time.Clock;

/**
 * The shared {@link Store} of a fleet: a PostgreSQL database ({@code ferry up --store postgres://…}) brought to
 * the current schema by Flyway when opened, running the same use cases as the embedded SQLite store (the
 * {@code *Commands} classes of {@code dev.ferry.store.sql.internal}) over a {@link PostgresDatabase}.
 *
 * <p>Each method is one transaction, durable once it returns (PostgreSQL's default {@code synchronous_commit=on})
 * and with nothing written when it throws; writes are {@code SERIALIZABLE} and retried when they lose a race, so
 * the store's uniqueness rules hold across control nodes. Config vars are encrypted with AES-256-GCM under a
 * {@link ConfigKey} every control node shares; the database records its fingerprint, and opening refuses a key
 * file that is missing or a key that differs, naming both fingerprints. At most
 * {@value PostgresDatabase#DEFAULT_CONNECTIONS} connections by default. Safe for many threads; {@link #close}
 * when done.
 *
 * <p>Beyond the store's ports, a fleet's coordination lives here too (decision 032): the shared slugs
 * ({@link #slugArchive()}) and build outputs ({@link #buildLogArchive()}), the leases ({@link #leases()}) and the builds' heartbeats ({@link #buildHeartbeats()}).
 */
public final class PostgresStore extends SqlStore {

    private final Database db;
    private final Clocked clock;
    private final String node;
    private final PostgresLocation location;

    private PostgresStore(Database db, ConfigCipher cipher, Clocked clock, AppLimits limits, String node,
                          PostgresLocation location) {
        super(db, cipher, clock, limits, node);
        this.location = location;
        this.db = db;
        this.clock = clock;
        this.node = node;
    }

    /** Opens the database at {@code location} (migrating it when needed) with the config key {@code key}. */
    public static PostgresStore open(PostgresLocation location, ConfigKey key, AppLimits limits) {
        return open(location, key, Clock.systemUTC(), limits);
    }

    /** As {@link #open(PostgresLocation, ConfigKey, AppLimits)}, with the clock that stamps records. */
    public static PostgresStore open(PostgresLocation location, ConfigKey key, Clock clock, AppLimits limits) {
        return open(location, key, clock, limits, BuildCommands.LOCAL_NODE);
    }

    /**
     * As {@link #open(PostgresLocation, ConfigKey, Clock, AppLimits)}, for control node {@code node} of several
     * on the database: its builds are the ones it queues ({@link #buildHeartbeats()}).
     */
    public static PostgresStore open(PostgresLocation location, ConfigKey key, Clock clock, AppLimits limits,
                                     String node) {
        BuildCommands.requireNode(node);
        PostgresMigrations.migrate(location);
        PostgresDatabase db = new PostgresDatabase(location, PostgresDatabase.DEFAULT_CONNECTIONS);
        try {
            return new PostgresStore(db, KeyCheck.cipherFor(db, location.toString(), key), new Clocked(clock), limits,
                    node, location);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** The slugs every node of the fleet shares, as large objects in this database. */
    public SlugArchive slugArchive() {
        return new PostgresSlugArchive(db, clock);
    }

    /** The apps' git repositories, shared so that a push to any node builds any app (decision 035). */
    public RepositoryArchive repositoryArchive() {
        return new PostgresRepositoryArchive(db, clock, location);
    }

    /** The finished builds' kept output, readable through every node. */
    public BuildLogArchive buildLogArchive() {
        return new PostgresBuildLogArchive(db);
    }

    /** The leases the nodes of the fleet agree on (the reconciler's leader). */
    public Leases leases() {
        return new PostgresLeases(db);
    }

    /** One deploy of an app at a time across the fleet: an advisory lock per app. */
    public AppLocks appLocks() {
        return new PostgresAppLocks(location);
    }

    /** This node's heartbeat on its builds, and the failing of other nodes' stalled ones. */
    public BuildHeartbeats buildHeartbeats() {
        return new PostgresBuildHeartbeats(db, clock, node);
    }

    @Override
    public void checkWritable() {
        db.write(tx -> tx.update("INSERT INTO write_probe (id, checked_at) VALUES (1, ?)"
                + " ON CONFLICT (id) DO UPDATE SET checked_at = EXCLUDED.checked_at", clock.now().toEpochMilli()));
    }

    @Override
    public void close() {
        db.close();
    }
}
