package dev.ferry.control.reconcile;

import dev.ferry.core.build.FailureReasons;
import dev.ferry.core.runtime.AppRuntime;
import dev.ferry.core.runtime.DeployResult;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.AppStore;
import dev.ferry.core.store.Formation;
import dev.ferry.core.store.Page;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseStatus;
import dev.ferry.core.store.ReleaseStore;
import dev.ferry.core.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Deployments} over an {@link AppRuntime}: the one place where the store's desired state (releases,
 * formation) is handed to the runtime, and where a release's status follows what the runtime made of it.
 * A deploy that fails leaves the previous release serving and its own release {@code FAILED} with the reason
 * ({@link ReleaseStore#failRelease}).
 *
 * <p>Threading: a lock per app makes "create the release, deploy it, mark it" one step, so releases of an app
 * are deployed in the order they were made; different apps deploy in parallel. A scale is not held behind a
 * running deploy: the runtime serialises it, and a deploy that finishes checks the formation again.
 */
public final class Reconciler implements Deployments {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    /** The reason given to a release that was deploying when the platform stopped. */
    static final String INTERRUPTED = "Ferry stopped before the deploy finished";
    private static final int PENDING_SCAN = 50;

    private final AppStore apps;
    private final ReleaseStore store;
    private final AppRuntime runtime;
    private final ConcurrentHashMap<AppName, ReentrantLock> locks = new ConcurrentHashMap<>();

    public Reconciler(AppStore apps, ReleaseStore store, AppRuntime runtime) {
        this.apps = Objects.requireNonNull(apps, "apps");
        this.store = Objects.requireNonNull(store, "store");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    @Override
    public Deployed release(AppName app, Supplier<Release> create, Consumer<String> progress) {
        ReentrantLock lock = locks.computeIfAbsent(app, a -> new ReentrantLock());
        lock.lock();
        try {
            Release release = create.get();
            if (release.status() != ReleaseStatus.PENDING) {
                return new Deployed(release, DeployResult.success(), store.currentRelease(app));
            }
            return deploy(release, progress);
        } finally {
            lock.unlock();
        }
    }

    private Deployed deploy(Release release, Consumer<String> progress) {
        AppName app = release.app();
        Formation formation = store.formation(app);
        DeployResult result = runDeploy(release, formation, progress);
        try {
            Release marked = result.succeeded()
                    ? store.setReleaseStatus(app, release.version(), ReleaseStatus.SUCCEEDED, release.createdBy())
                    : store.failRelease(app, release.version(), result.reason(), release.createdBy());
            if (result.succeeded()) {
                Formation now = store.formation(app);
                if (!now.equals(formation)) {
                    runtime.scale(now); // ps:scale while the deploy ran
                }
            }
            return new Deployed(marked, result, store.currentRelease(app));
        } catch (StoreException e) {
            log.warn("could not mark {} {} after its deploy: {}", app, release.label(), e.getMessage());
            return new Deployed(release, result, Optional.empty());
        }
    }

    private DeployResult runDeploy(Release release, Formation formation, Consumer<String> progress) {
        try {
            return runtime.deploy(release, formation, progress);
        } catch (RuntimeException e) {
            log.warn("the runtime failed deploying {} {}", release.app(), release.label(), e);
            return DeployResult.failure("the runtime failed: " + FailureReasons.withoutPaths(e.getMessage()));
        }
    }

    /** The formation is stored whatever the runtime says: a refusal is logged, and the next deploy runs it. */
    @Override
    public void scaled(Formation formation) {
        try {
            runtime.scale(formation);
        } catch (RuntimeException e) {
            log.warn("the runtime could not scale {} to {}: {}", formation.app(), formation.quantities(), e.toString());
        }
    }

    @Override
    public void destroyed(AppName app) {
        try {
            runtime.destroy(app);
        } catch (RuntimeException e) {
            log.warn("the runtime could not stop the instances of {}: {}", app, e.toString());
        }
        locks.remove(app);
    }

    /**
     * At start: marks releases left pending by a stopped platform as failed, then deploys every app's current
     * release at its formation, each app on its own virtual thread.
     *
     * @return completes when every app's deploy has finished (successfully or not)
     */
    public CompletableFuture<Void> resumeAll() {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (App app : apps.allApps()) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            Thread.ofVirtual().name("ferry-resume-" + app.name()).start(() -> {
                try {
                    resume(app.name());
                } catch (RuntimeException e) {
                    log.warn("could not start the instances of {}: {}", app.name(), e.toString());
                } finally {
                    done.complete(null);
                }
            });
            all.add(done);
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    private void resume(AppName app) {
        ReentrantLock lock = locks.computeIfAbsent(app, a -> new ReentrantLock());
        lock.lock();
        try {
            for (Release r : store.releases(app, Page.first(PENDING_SCAN)).items()) {
                if (r.status() == ReleaseStatus.PENDING) {
                    store.failRelease(app, r.version(), INTERRUPTED, r.createdBy());
                }
            }
            Optional<Release> current = store.currentRelease(app);
            if (current.isEmpty() || current.get().slugId().isEmpty()) {
                return;
            }
            DeployResult result = runDeploy(current.get(), store.formation(app),
                    line -> log.debug("{}: {}", app, line));
            if (result.succeeded()) {
                log.info("{} {} is running again", app, current.get().label());
            } else {
                log.warn("{} {} did not start again: {}", app, current.get().label(), result.reason());
            }
        } finally {
            lock.unlock();
        }
    }
}
