package dev.ferry.server.fleet;

import dev.ferry.build.queue.BuildHeartbeat;
import dev.ferry.build.slug.SlugStore;
import dev.ferry.control.reconcile.ReconcileLeadership;
import dev.ferry.control.reconcile.Reconciler;
import dev.ferry.core.build.BuildLogArchive;
import dev.ferry.core.build.RepositoryArchive;
import dev.ferry.core.build.SlugArchive;
import dev.ferry.core.runtime.AppRuntime;
import dev.ferry.core.store.AppDataCleanup;
import dev.ferry.core.store.Store;
import dev.ferry.core.work.Leases;
import dev.ferry.server.config.StoreSettings;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.store.s3.S3Bucket;
import dev.ferry.store.s3.S3BuildLogArchive;
import dev.ferry.store.s3.S3SlugArchive;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Deque;
import java.util.Optional;

/**
 * What a control node does differently when it shares its store with others ({@code --store postgres://…},
 * decision 032): its slug store keeps a copy of the slugs the PostgreSQL store shares, its builds' output is
 * stored there too, its reconciler leads only
 * while it holds the fleet's lease and deploys an app only under the app's lock, and its builds are marked alive
 * so that another node fails them when this one dies. On the embedded store (one node) each of these is the
 * plain one: slugs in the data dir alone, a reconciler that always leads, no heartbeat. With {@code --slug-store
 * s3://…} (decision 034), slugs and build outputs are shared through that bucket instead, on either store.
 */
public final class FleetWiring implements AutoCloseable {

    private final Optional<PostgresStore> shared;
    private final String node;
    private final FleetTuning tuning;
    private final Optional<SlugArchive> slugArchive;
    private final Optional<BuildLogArchive> logArchive;
    private final Optional<S3BuildLogArchive> bucketLogs;
    private Optional<BuildHeartbeat> heartbeat = Optional.empty();

    private FleetWiring(Optional<PostgresStore> shared, String node, FleetTuning tuning, Optional<S3Bucket> bucket) {
        this.shared = shared;
        this.node = node;
        this.tuning = tuning;
        this.slugArchive = bucket.<SlugArchive>map(S3SlugArchive::new).or(() -> shared.map(PostgresStore::slugArchive));
        this.bucketLogs = bucket.map(S3BuildLogArchive::new);
        this.logArchive = bucketLogs.<BuildLogArchive>map(b -> b).or(() -> shared.map(PostgresStore::buildLogArchive));
    }

    /**
     * The fleet's side of {@code store}, for the node named in {@code dataDir} ({@link NodeName}); on a shared
     * store, this node's builds are marked alive from now until {@link #close}.
     *
     * @param bucket where slugs and build outputs are shared ({@code --slug-store}); empty: in the store when it is
     *     shared, else nowhere
     */
    public static FleetWiring of(Store store, Path dataDir, FleetTuning tuning, Optional<S3Bucket> bucket) {
        Optional<PostgresStore> shared = store instanceof PostgresStore pg ? Optional.of(pg) : Optional.empty();
        FleetWiring fleet = new FleetWiring(shared, shared.isPresent() ? NodeName.of(dataDir) : "local", tuning, bucket);
        fleet.heartbeat = fleet.shared.map(pg -> new BuildHeartbeat(pg.buildHeartbeats(), tuning.heartbeatInterval(),
                tuning.heartbeatTimeout()).start());
        return fleet;
    }

    /**
     * Opens the bucket of {@code --slug-store s3://…}, first of all at start: {@link S3Bucket#open} checks that the
     * bucket exists and that the keys may write and read there, so a platform that could not share its slugs refuses
     * to start with {@link dev.ferry.store.s3.S3StoreUnavailableException}'s sentence before it locks or writes its
     * data dir, store or registry. The bucket is pushed on {@code started}, to be closed with the platform.
     *
     * @return empty without {@code --slug-store}
     */
    public static Optional<S3Bucket> openSlugBucket(StoreSettings settings, Deque<AutoCloseable> started) {
        Optional<S3Bucket> bucket = settings.slugs().map(S3Bucket::open);
        bucket.ifPresent(started::push);
        return bucket;
    }

    /** This node's name among the fleet's. */
    public String node() {
        return node;
    }

    /** The slug store in {@code dir}, over the shared slugs when there are. */
    public SlugStore slugs(Path dir) {
        return new SlugStore(dir, slugArchive);
    }

    /** Where finished builds' output goes for the other nodes to read; empty on the embedded store without a bucket. */
    public Optional<BuildLogArchive> buildLogs() {
        return logArchive;
    }

    /**
     * Deletes the outputs of a destroyed app's builds from the bucket of {@code --slug-store}; nothing without one
     * (in PostgreSQL they go with the app's rows).
     */
    public AppDataCleanup buildLogCleanup() {
        return bucketLogs.<AppDataCleanup>map(b -> b).orElse(destroyed -> { });
    }

    /**
     * Where the apps' git repositories are shared, so that a push to any node builds any app (decision 035): the
     * PostgreSQL store; {@link RepositoryArchive#NONE} on the embedded store.
     */
    public RepositoryArchive repositories() {
        return shared.map(PostgresStore::repositoryArchive).orElse(RepositoryArchive.NONE);
    }

    /** The leases of the shared store, by which one control node leads a task (the wildcard's orders); none on SQLite. */
    public Optional<Leases> leases() {
        return shared.map(PostgresStore::leases);
    }

    /** The reconciler over {@code runtime}: under the fleet's lease and the apps' locks when the store is shared. */
    public Reconciler reconciler(Store store, AppRuntime runtime, Duration interval) {
        return shared.map(pg -> new Reconciler(store, store, runtime, interval,
                        ReconcileLeadership.shared(pg.leases(), node, tuning.leaseTtl()), pg.appLocks()))
                .orElseGet(() -> new Reconciler(store, store, runtime, interval));
    }

    @Override
    public void close() {
        heartbeat.ifPresent(BuildHeartbeat::close);
    }
}
