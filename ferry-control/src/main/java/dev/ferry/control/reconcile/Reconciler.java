package dev.ferry.control.reconcile;

import dev.ferry.core.build.FailureReasons;
import dev.ferry.core.runtime.ActualState;
import dev.ferry.core.runtime.AppRuntime;
import dev.ferry.core.runtime.DeployResult;
import dev.ferry.core.runtime.DesiredState;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.AppStore;
import dev.ferry.core.store.Formation;
import dev.ferry.core.store.Page;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseStatus;
import dev.ferry.core.store.ReleaseStore;
import dev.ferry.core.store.StoreException;
import dev.ferry.core.work.AppLanes;
import dev.ferry.core.work.AppLocks;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Deployments} over an {@link AppRuntime}: the one reconciler, which converges the runtime to the desired
 * state the store holds. A change writes the desired state first (a release {@code PENDING}, a formation) and
 * then hands it to the runtime ({@link AppRuntime#apply}); the release is marked {@code SUCCEEDED} or, when its
 * rollout failed, {@code FAILED} with the reason, and the desired state is the last live release again. The same
 * convergence ({@link #reconcile}) runs at {@link #start} (after a crash or a {@code kill -9} of Ferry) and
 * every {@code interval} ({@value #DEFAULT_INTERVAL_SECONDS} s by default), so that a runtime that drifted (an
 * instance that could not start again, a rollout cut short) is brought back without anyone acting.
 *
 * <p>A release still {@code PENDING} when a reconcile looks belongs to no one (the rollout of a release runs in
 * the same lane task that made it): it was cut short by a stop of Ferry, is marked {@code FAILED}
 * ({@value #INTERRUPTED}) and the last live release runs, as the push that made it was never accepted.
 *
 * <p>With several control nodes on one store (decision 032), only the node whose {@link ReconcileLeadership} leads
 * reconciles every app; the others reconcile only the apps their own runtime runs (a push or a scale they were
 * given). Every change of an app's runtime holds the app's {@link AppLocks lock} across nodes (the rollout of a
 * release from before it is made), and a periodic reconcile skips an app another node is deploying, so a release
 * found {@code PENDING} under the lock is one whose node stopped.
 *
 * <p>Threading: every change of one app's runtime (a release, a scale, a restart, a stop, a destroy, a
 * reconcile) runs in that app's lane of one {@link AppLanes}, one at a time in the order given; apps run in
 * parallel. {@link #runtime()} is the runtime as the API must call it, through the lanes.
 */
public final class Reconciler implements Deployments, AutoCloseable {

    /** How often every app is reconciled by default. */
    public static final long DEFAULT_INTERVAL_SECONDS = 30;
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(DEFAULT_INTERVAL_SECONDS);
    /** How long a change of an app waits for another control node's deploy of it. */
    public static final Duration LOCK_WAIT = Duration.ofMinutes(5);
    /** The reason given to a release that was rolling out when the platform stopped. */
    public static final String INTERRUPTED = "Ferry stopped before the deploy finished";

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    /** How many of an app's newest releases are searched for pending ones. */
    private static final int PENDING_SCAN = 50;

    private final AppStore apps;
    private final ReleaseStore store;
    private final AppRuntime runtime;
    private final Duration interval;
    private final ReconcileLeadership leadership;
    private final AppLocks locks;
    private final AppLanes lanes = new AppLanes("ferry-reconcile-");
    /** The apps this node's runtime was given, so that one destroyed or renamed through another node is stopped. */
    private final Set<AppName> applied = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("ferry-reconcile-timer").daemon(true).factory());

    public Reconciler(AppStore apps, ReleaseStore store, AppRuntime runtime) {
        this(apps, store, runtime, DEFAULT_INTERVAL);
    }

    /** @param interval how often every app is reconciled after {@link #start} */
    public Reconciler(AppStore apps, ReleaseStore store, AppRuntime runtime, Duration interval) {
        this(apps, store, runtime, interval, ReconcileLeadership.alone(), AppLocks.NONE);
    }

    /**
     * One of several control nodes on one store.
     *
     * @param leadership whether this node reconciles every app; closed with this reconciler
     * @param locks the apps' locks across the nodes
     */
    public Reconciler(AppStore apps, ReleaseStore store, AppRuntime runtime, Duration interval,
                      ReconcileLeadership leadership, AppLocks locks) {
        this.leadership = Objects.requireNonNull(leadership, "leadership");
        this.locks = Objects.requireNonNull(locks, "locks");
        this.apps = Objects.requireNonNull(apps, "apps");
        this.store = Objects.requireNonNull(store, "store");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the reconcile interval must be positive: " + interval);
        }
    }

    @Override
    public Deployed release(AppName app, Supplier<Release> create, Consumer<String> progress) {
        return lanes.call(app, () -> {
            try (AppLocks.Held held = locks.lock(app, LOCK_WAIT)) {
                Release release = create.get();
                if (release.status() != ReleaseStatus.PENDING) {
                    return new Deployed(release, DeployResult.success(), store.currentRelease(app));
                }
                return rollOut(release, progress);
            }
        });
    }

    /** Runs in the app's lane: the release is the desired state until the runtime says how its rollout went. */
    private Deployed rollOut(Release release, Consumer<String> progress) {
        AppName app = release.app();
        DeployResult result = apply(DesiredState.of(release, store.formation(app)), progress);
        try {
            Release marked = result.succeeded()
                    ? store.setReleaseStatus(app, release.version(), ReleaseStatus.SUCCEEDED, release.createdBy())
                    : store.failRelease(app, release.version(), result.reason(), release.createdBy());
            if (!result.succeeded()) {
                converge(app); // back to the last live release, where the runtime did not stay on it by itself
            }
            return new Deployed(marked, result, store.currentRelease(app));
        } catch (StoreException e) {
            log.warn("could not mark {} {} after its rollout: {}", app, release.label(), e.getMessage());
            return new Deployed(release, result, Optional.empty());
        }
    }

    /** The formation is stored whatever the runtime says: a refusal is logged, and the next reconcile retries. */
    @Override
    public void scaled(Formation formation) {
        lanes.call(formation.app(), () -> {
            try (AppLocks.Held held = locks.lock(formation.app(), LOCK_WAIT)) {
                converge(formation.app());
            }
            return null;
        });
    }

    @Override
    public void destroyed(AppName app) {
        lanes.call(app, () -> {
            try {
                runtime.destroy(app);
                applied.remove(app);
            } catch (RuntimeException e) {
                log.warn("the runtime could not stop the instances of {}: {}", app, e.toString());
            }
            return null;
        });
    }

    /** Converges the new name first, so the old instances serve until the new ones are registered. */
    @Override
    public void renamed(AppName from, AppName to) {
        lanes.call(to, () -> {
            try (AppLocks.Held held = locks.lock(to, LOCK_WAIT)) {
                converge(to);
            }
            return null;
        });
        destroyed(from);
    }

    /** Whether this node's reconciler leads (always, alone on its store). */
    public boolean leads() {
        return leadership.leads();
    }

    @Override
    public Optional<AppRuntime> runtime() {
        return Optional.of(new LaneRuntime(runtime, lanes));
    }

    /**
     * Reconciles every app now, then every interval until {@link #close}.
     *
     * @return completes when every app has been reconciled once (successfully or not)
     */
    public CompletableFuture<Void> start() {
        leadership.start(this::reconcileAll);
        long period = interval.toMillis();
        timer.scheduleWithFixedDelay(this::reconcileAll, period, period, TimeUnit.MILLISECONDS);
        return reconcileAll();
    }

    /**
     * Queues a reconcile of every app in its lane (of those this node runs, when another node leads); completes
     * when all have run.
     */
    public CompletableFuture<Void> reconcileAll() {
        List<App> all;
        try {
            boolean leading = leadership.leads();
            List<App> stored = apps.allApps();
            Set<AppName> names = stored.stream().map(App::name).collect(Collectors.toSet());
            applied.stream().filter(app -> !names.contains(app)).forEach(this::stopGone);
            all = stored.stream().filter(a -> leading || !runtime.actual(a.name()).instances().isEmpty()).toList();
        } catch (StoreException e) {
            log.warn("could not list the apps to reconcile: {}", e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.allOf(all.stream().map(a -> reconcile(a.name())).toArray(CompletableFuture[]::new));
    }

    /**
     * Queues a reconcile of one app in its lane: releases left pending are failed, then the runtime is given the
     * desired state when what it reports differs.
     *
     * @return completes when it has run; never exceptionally
     */
    public CompletableFuture<Void> reconcile(AppName app) {
        return lanes.submit(app, () -> {
            Optional<AppLocks.Held> held = locks.tryLock(app);
            if (held.isEmpty()) {
                log.debug("{} is being deployed by another control node; reconciled next time", app);
                return (Void) null;
            }
            try (AppLocks.Held lock = held.get()) {
                converge(app);
            }
            return (Void) null;
        }).exceptionally(e -> {
            log.warn("could not reconcile {}: {}", app, e.toString());
            return null;
        });
    }

    /** Queues the stop of an app this runtime ran that the store no longer has (destroyed or renamed elsewhere). */
    private void stopGone(AppName app) {
        lanes.submit(app, () -> {
            log.info("{} is gone from the store: stopping its instances here", app);
            runtime.destroy(app);
            applied.remove(app);
            return (Void) null;
        }).exceptionally(e -> {
            log.warn("the runtime could not stop the instances of {}: {}", app, e.toString());
            return null;
        });
    }

    /** Runs in the app's lane. */
    private void converge(AppName app) {
        failLeftPending(app);
        DesiredState desired = desiredState(app);
        ActualState actual = runtime.actual(app);
        if (actual.convergedTo(desired)) {
            return;
        }
        log.info("reconciling {}: runs v{} with {} instance(s), should run v{} at {}", app, actual.release(),
                actual.instances().size(), desired.version(), desired.instanceCounts());
        DeployResult result = apply(desired, line -> log.debug("{}: {}", app, line));
        if (result.succeeded()) {
            log.info("{} runs v{} at {}", app, desired.version(), desired.instanceCounts());
        } else {
            log.warn("{} could not be brought to v{}: {}; the next reconcile tries again", app, desired.version(),
                    result.reason());
        }
    }

    /** What should run: the newest live release (none without a slug) at the stored formation. */
    private DesiredState desiredState(AppName app) {
        return store.currentRelease(app).filter(r -> r.slugId().isPresent())
                .map(r -> DesiredState.of(r, store.formation(app)))
                .orElseGet(() -> DesiredState.nothing(app));
    }

    private void failLeftPending(AppName app) {
        for (Release r : store.releases(app, Page.first(PENDING_SCAN)).items()) {
            if (r.status() != ReleaseStatus.PENDING) {
                continue;
            }
            log.warn("{} {} was cut short by a stop of Ferry; the last live release runs", app, r.label());
            store.failRelease(app, r.version(), INTERRUPTED, r.createdBy());
        }
    }

    private DeployResult apply(DesiredState desired, Consumer<String> progress) {
        applied.add(desired.app());
        try {
            return runtime.apply(desired, progress);
        } catch (RuntimeException e) {
            log.warn("the runtime failed applying v{} of {}", desired.version(), desired.app(), e);
            return DeployResult.failure("the runtime failed: " + FailureReasons.withoutPaths(e.getMessage()));
        }
    }

    /** Stops the periodic reconcile and refuses new work; work already given still runs. */
    @Override
    public void close() {
        timer.shutdownNow();
        leadership.close();
        lanes.close();
    }
}
