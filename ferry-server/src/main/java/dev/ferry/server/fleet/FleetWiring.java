package dev.ferry.server.fleet;

import dev.ferry.build.queue.BuildHeartbeat;
import dev.ferry.build.slug.SlugStore;
import dev.ferry.control.reconcile.ReconcileLeadership;
import dev.ferry.control.reconcile.Reconciler;
import dev.ferry.core.build.BuildLogArchive;
import dev.ferry.core.build.RepositoryArchive;
import dev.ferry.core.runtime.AppRuntime;
import dev.ferry.core.store.Store;
import dev.ferry.store.postgres.PostgresStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What a control node does differently when it shares its store with others ({@code --store postgres://…},
 * decision 032): its slug store keeps a copy of the slugs the PostgreSQL store shares, its builds' output is
 * stored there too, its reconciler leads only
 * while it holds the fleet's lease and deploys an app only under the app's lock, and its builds are marked alive
 * so that another node fails them when this one dies. On the embedded store (one node) each of these is the
 * plain one: slugs in the data dir alone, a reconciler that always leads, no heartbeat.
 */
public final class FleetWiring implements AutoCloseable {

    private final Optional<PostgresStore> shared;
    private final String node;
    private final FleetTuning tuning;
    private Optional<BuildHeartbeat> heartbeat = Optional.empty();

    private FleetWiring(Optional<PostgresStore> shared, String node, FleetTuning tuning) {
        this.shared = shared;
        this.node = node;
        this.tuning = tuning;
    }

    /**
     * The fleet's side of {@code store}, for the node named in {@code dataDir} ({@link NodeName}); on a shared
     * store, this node's builds are marked alive from now until {@link #close}.
     */
    public static FleetWiring of(Store store, Path dataDir, FleetTuning tuning) {
        Optional<PostgresStore> shared = store instanceof PostgresStore pg ? Optional.of(pg) : Optional.empty();
        FleetWiring fleet = new FleetWiring(shared, shared.isPresent() ? NodeName.of(dataDir) : "local", tuning);
        fleet.heartbeat = fleet.shared.map(pg -> new BuildHeartbeat(pg.buildHeartbeats(), tuning.heartbeatInterval(),
                tuning.heartbeatTimeout()).start());
        return fleet;
    }

    /** This node's name among the fleet's. */
    public String node() {
        return node;
    }

    /** The slug store in {@code dir}, over the shared slugs when there are. */
    public SlugStore slugs(Path dir) {
        return new SlugStore(dir, shared.map(PostgresStore::slugArchive));
    }

    /** Where finished builds' output goes for the other nodes to read; empty on the embedded store. */
    public Optional<BuildLogArchive> buildLogs() {
        return shared.map(PostgresStore::buildLogArchive);
    }

    /**
     * Where the apps' git repositories are shared, so that a push to any node builds any app (decision 035): the
     * PostgreSQL store; {@link RepositoryArchive#NONE} on the embedded store.
     */
    public RepositoryArchive repositories() {
        return shared.map(PostgresStore::repositoryArchive).orElse(RepositoryArchive.NONE);
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
