package dev.ferry.runtime.local;

import dev.ferry.core.runtime.DeployResult;
import dev.ferry.core.runtime.Instance;
import dev.ferry.core.runtime.InstanceState;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Formation;
import dev.ferry.core.store.Release;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The instances of one app and the operations on them (deploy, scale, restart, stop), serialised by one lock
 * per app. Retired instances drain and stop in the background; they show as {@code stopping} until gone.
 */
final class AppSupervisor {

    private final AppName app;
    private final RuntimeServices svc;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<RunningInstance> instances = new CopyOnWriteArrayList<>();
    private final List<RunningInstance> retiring = new CopyOnWriteArrayList<>();
    private volatile PreparedRelease current;
    private volatile Formation formation;

    AppSupervisor(AppName app, RuntimeServices svc) {
        this.app = app;
        this.svc = svc;
        this.formation = new Formation(app, Map.of());
    }

    DeployResult deploy(Release release, Formation target, Consumer<String> progress) {
        lock.lock();
        try {
            return new Deployment(svc, this, release, target, progress).run();
        } finally {
            lock.unlock();
        }
    }

    /** Called by a successful {@link Deployment}: the new instances serve; the old ones drain and stop. */
    void switchTo(PreparedRelease release, Formation target, List<RunningInstance> fresh) {
        List<RunningInstance> old = List.copyOf(instances);
        for (RunningInstance i : fresh) {
            i.goLive();
        }
        instances.clear();
        instances.addAll(fresh);
        current = release;
        formation = target;
        old.forEach(this::retireInBackground);
    }

    void scale(Formation target) {
        lock.lock();
        try {
            formation = target;
            PreparedRelease release = current;
            if (release == null) {
                return;
            }
            instances.removeIf(i -> i.state() == InstanceState.STOPPED);
            List<RunningInstance> added = new ArrayList<>();
            for (String type : release.release().processTypes().keySet()) {
                if (type.equals(Deployment.RELEASE_TYPE)) {
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
            for (int k = 0; k < added.size(); k++) {
                if (results.get(k).isEmpty()) {
                    added.get(k).goLive();
                } else {
                    svc.events().event(app, added.get(k).name() + " did not become healthy: " + results.get(k).get());
                    added.get(k).retire(Duration.ZERO);
                    instances.remove(added.get(k));
                }
            }
            svc.events().event(app, "scaled to " + describe(target));
        } finally {
            lock.unlock();
        }
    }

    int restart(Optional<String> selector) {
        lock.lock();
        try {
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
        } finally {
            lock.unlock();
        }
    }

    int stop(String selector) {
        lock.lock();
        try {
            List<RunningInstance> chosen = matching(Optional.of(selector)).stream()
                    .filter(i -> i.state() != InstanceState.STOPPED).toList();
            for (RunningInstance i : chosen) {
                i.leaveRoutes();
                Thread.ofVirtual().start(() -> i.finishRetire(svc.config().drainTimeout()));
            }
            return chosen.size();
        } finally {
            lock.unlock();
        }
    }

    /** Stops everything (in parallel) and waits; web instances get up to {@code drainLimit} to drain. */
    void stopAll(Duration drainLimit) {
        lock.lock();
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
        } finally {
            lock.unlock();
        }
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
