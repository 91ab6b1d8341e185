package dev.ferry.server.usage;

import dev.ferry.core.runtime.AppRuntime;
import dev.ferry.core.runtime.Instance;
import dev.ferry.core.runtime.InstanceState;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppName;
import dev.ferry.core.usage.InstanceRun;
import dev.ferry.core.usage.UsageStore;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records instance lifetimes in the {@link UsageStore} from what the {@link AppRuntime} reports: each
 * {@link #observe} compares the instances of every app with the runs it knows. A process it has not seen (a new
 * name, or a new pid after a restart) starts a run at the instance's {@link Instance#since}, which the runtime sets
 * when it spawns the process, so the start is exact when the instance is still {@code starting}; otherwise it is
 * late by at most its boot time within one observation period. A run ends at the instance's {@code since} when it
 * is seen {@code crashed} or {@code stopped} (exact), or at the observation that no longer finds it (late by at
 * most one period). Starting and stopping, draining included, count as running: the process exists.
 *
 * <p>Threading: {@link #observe} and {@link #stopAll} are called from one thread ({@link UsageRecorder}'s timer).
 */
public final class InstanceLifetimes {

    private static final Logger log = LoggerFactory.getLogger(InstanceLifetimes.class);

    private record Key(AppName app, String name, long pid) {
    }

    private final UsageStore usage;
    private final AppRuntime runtime;
    private final Supplier<List<App>> apps;
    private final Clock clock;
    private final Map<Key, String> open = new HashMap<>();

    /** @param apps every app whose instances to watch, e.g. {@code store::allApps} */
    public InstanceLifetimes(UsageStore usage, AppRuntime runtime, Supplier<List<App>> apps, Clock clock) {
        this.usage = Objects.requireNonNull(usage, "usage");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.apps = Objects.requireNonNull(apps, "apps");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Compares what runs now with the runs recorded, and records each start and stop.
     *
     * @return how many instances run now, by app and process type
     */
    public Map<AppName, Map<String, Integer>> observe() {
        Instant now = clock.instant();
        Set<Key> seen = new HashSet<>();
        Map<AppName, Map<String, Integer>> running = new HashMap<>();
        for (App app : apps.get()) {
            for (Instance i : runtime.instances(app.name())) {
                Key key = new Key(app.name(), i.name(), i.pid());
                boolean isRunning = i.state() != InstanceState.CRASHED && i.state() != InstanceState.STOPPED;
                String id = open.get(key);
                if (isRunning && id == null) {
                    Instant started = i.since().isAfter(now) ? now : i.since();
                    id = app.name().value() + "/" + i.name() + "/" + i.pid() + "/" + started.toEpochMilli();
                    usage.instanceStarted(new InstanceRun(id, app.name(), i.type(), started));
                    open.put(key, id);
                } else if (!isRunning && id != null) {
                    usage.instanceStopped(id, i.since());
                    open.remove(key);
                }
                if (isRunning) {
                    seen.add(key);
                    running.computeIfAbsent(app.name(), a -> new HashMap<>()).merge(i.type(), 1, Integer::sum);
                }
            }
        }
        open.entrySet().removeIf(e -> {
            if (seen.contains(e.getKey())) {
                return false;
            }
            usage.instanceStopped(e.getValue(), now);
            return true;
        });
        return running;
    }

    /** Ends every open run now: Ferry is stopping, and its runtime stops the instances with it. */
    public void stopAll() {
        Instant now = clock.instant();
        open.values().forEach(id -> {
            try {
                usage.instanceStopped(id, now);
            } catch (RuntimeException e) {
                log.warn("could not record the stop of {}: {}", id, e.toString());
            }
        });
        open.clear();
    }
}
