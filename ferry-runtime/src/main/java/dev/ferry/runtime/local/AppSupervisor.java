package dev.ferry.runtime.local;

import dev.ferry.core.runtime.ActualState;
import dev.ferry.core.runtime.DeployResult;
import dev.ferry.core.runtime.DesiredState;
import dev.ferry.core.runtime.Instance;
import dev.ferry.core.runtime.InstanceState;
import dev.ferry.core.runtime.InstanceUsage;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Formation;
import dev.ferry.core.store.Release;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The instances of one app and the operations on them: {@link #apply} (a rollout when the release changes, a
 * scale when it does not), restart, stop. Calls that change the app come one at a time from the control plane's
 * lane of this app ({@link dev.ferry.core.work.AppLanes}); crash restarts and retirements run on their own threads
 * and touch one instance each. Retired instances drain and stop in the background; they show as
 * {@code stopping} until gone.
 */
final class AppSupervisor {

    private final AppName app;
    private final RuntimeServices svc;
    private final List<RunningInstance> instances = new CopyOnWriteArrayList<>();
    private final List<RunningInstance> retiring = new CopyOnWriteArrayList<>();
    private volatile PreparedRelease current;
    private volatile boolean closed;

    AppSupervisor(AppName app, RuntimeServices svc) {
        this.app = app;
        this.svc = svc;
    }

    /** Converges to {@code desired}: rolls to a new release, scales the one that runs, or stops everything. */
    DeployResult apply(DesiredState desired, Consumer<String> progress) {
        if (desired.release().isEmpty()) {
            stopAll(svc.config().drainTimeout());
            current = null;
            return DeployResult.success();
        }
        Release release = desired.release().get();
        PreparedRelease running = current;
        if (running != null && running.version() == release.version()) {
            return scale(desired.formation());
        }
        return new Deployment(svc, this, release, desired.formation(), progress).run();
    }

    ActualState actual() {
        PreparedRelease running = current;
        return new ActualState(app, running == null ? 0 : running.version(), snapshot());
    }

    /**
     * Called by a successful {@link Deployment}: the new instances serve; the old ones drain and stop. Returns
     * false (and stops the new instances) when the app was destroyed or the runtime closed meanwhile.
     */
    boolean switchTo(PreparedRelease release, List<RunningInstance> fresh) {
        if (closed) {
            fresh.forEach(i -> i.retire(Duration.ZERO));
            return false;
        }
        List<RunningInstance> old = List.copyOf(instances);
        for (RunningInstance i : fresh) {
            i.goLive();
        }
        instances.clear();
        instances.addAll(fresh);
        current = release;
        old.forEach(this::retireInBackground);
        return true;
    }

    /** Starts and stops instances of the running release so that each type runs its quantity. */
    DeployResult scale(Formation target) {
        PreparedRelease release = current;
        if (release == null) {
            return DeployResult.success();
        }
        instances.removeIf(i -> i.state() == InstanceState.STOPPED);
        List<RunningInstance> added = new ArrayList<>();
        for (String type : release.release().processTypes().keySet()) {
            if (type.equals(DesiredState.RELEASE_PHASE)) {
                continue;
            }
            List<RunningInstance> ofType = instances.stream().filter(i -> i.type().equals(type))
                    .sorted(Comparator.comparingInt(RunningInstance::number)).toList();
            int want = target.quantity(type);
            for (int k = ofType.size() - 1; k >= want; k--) {
                instances.remove(ofType.get(k));
                retireInBackground(ofType.get(k));
            }
            for (int n = 1, have = ofType.size(); have < want; n++) {
                int number = n;
                if (ofType.stream().noneMatch(i -> i.number() == number)) {
                    added.add(new RunningInstance(svc, release, type, n));
                    have++;
                }
            }
        }
        instances.addAll(added);
        List<Optional<String>> results = Deployment.bootAll(added, s -> { });
        Optional<String> failed = Optional.empty();
        for (int k = 0; k < added.size(); k++) {
            if (results.get(k).isEmpty()) {
                added.get(k).goLive();
            } else {
                String why = added.get(k).name() + " did not become healthy: " + results.get(k).get();
                svc.events().event(app, why);
                failed = failed.or(() -> Optional.of(why));
                added.get(k).retire(Duration.ZERO);
                instances.remove(added.get(k));
            }
        }
        svc.events().event(app, "scaled to " + describe(target));
        return failed.map(DeployResult::failure).orElseGet(DeployResult::success);
    }

    int restart(Optional<String> selector) {
        PreparedRelease release = current;
        if (release == null) {
            return 0;
        }
        int restarted = 0;
        for (RunningInstance old : matching(selector)) {
            RunningInstance fresh = new RunningInstance(svc, release, old.type(), old.number());
            Optional<String> failure = fresh.boot();
            if (failure.isPresent()) {
                svc.events().event(app, "restart of " + old.name() + " abandoned: " + failure.get());
                continue;
            }
            fresh.goLive();
            instances.set(instances.indexOf(old), fresh);
            retireInBackground(old);
            svc.events().event(app, "restarted " + fresh.name());
            restarted++;
        }
        return restarted;
    }

    int stop(String selector) {
        List<RunningInstance> chosen = matching(Optional.of(selector)).stream()
                .filter(i -> i.state() != InstanceState.STOPPED).toList();
        for (RunningInstance i : chosen) {
            i.leaveRoutes();
            Thread.ofVirtual().start(() -> i.finishRetire(svc.config().drainTimeout()));
        }
        return chosen.size();
    }

    /** Stops everything for good (destroy, close): a rollout still running stops its new instances too. */
    void close(Duration drainLimit) {
        closed = true;
        stopAll(drainLimit);
    }

    /** Stops everything (in parallel) and waits; web instances get up to {@code drainLimit} to drain. */
    private void stopAll(Duration drainLimit) {
        try {
            List<RunningInstance> all = new ArrayList<>(instances);
            all.addAll(retiring);
            instances.clear();
            for (RunningInstance i : all) {
                i.leaveRoutes();
            }
            List<Thread> threads = all.stream().map(i -> Thread.ofVirtual().start(() -> i.retire(drainLimit))).toList();
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The current instances' usage by name (an old release's instances draining after a deploy left out). */
    Map<String, InstanceUsage> usage(Instant now) {
        Map<String, InstanceUsage> out = new LinkedHashMap<>();
        instances.forEach(i -> i.usage(now).ifPresent(u -> out.put(i.name(), u)));
        return out;
    }

    List<Instance> snapshot() {
        List<Instance> all = new ArrayList<>();
        instances.forEach(i -> all.add(i.snapshot()));
        retiring.forEach(i -> all.add(i.snapshot()));
        all.sort(Comparator.comparing(Instance::type).thenComparingInt(i -> number(i.name()))
                .thenComparing(i -> i.state() == InstanceState.STOPPING));
        return all;
    }

    Optional<PreparedRelease> current() {
        return Optional.ofNullable(current);
    }

    PreparedRelease prepare(Release release) throws IOException {
        return svc.files().prepare(release);
    }

    private List<RunningInstance> matching(Optional<String> selector) {
        return instances.stream()
                .filter(i -> selector.isEmpty() || i.type().equals(selector.get()) || i.name().equals(selector.get()))
                .sorted(Comparator.comparing(RunningInstance::type).thenComparingInt(RunningInstance::number))
                .toList();
    }

    /** Deregisters now (the caller's change is visible when it returns), drains and stops in the background. */
    private void retireInBackground(RunningInstance old) {
        retiring.add(old);
        old.leaveRoutes();
        Thread.ofVirtual().name("retire-" + old.name()).start(() -> {
            try {
                old.finishRetire(svc.config().drainTimeout());
            } finally {
                retiring.remove(old);
            }
        });
    }

    static String describe(Formation f) {
        StringBuilder sb = new StringBuilder();
        f.quantities().forEach((type, q) -> sb.append(sb.isEmpty() ? "" : " ").append(type).append('=').append(q));
        return sb.isEmpty() ? "nothing" : sb.toString();
    }

    private static int number(String name) {
        try {
            return Integer.parseInt(name.substring(name.indexOf('.') + 1));
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
