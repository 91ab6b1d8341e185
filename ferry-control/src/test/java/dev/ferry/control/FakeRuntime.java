package dev.ferry.control;

import dev.ferry.core.runtime.ActualState;
import dev.ferry.core.runtime.AppRuntime;
import dev.ferry.core.runtime.DeployResult;
import dev.ferry.core.runtime.DesiredState;
import dev.ferry.core.runtime.Instance;
import dev.ferry.core.runtime.InstanceMeter;
import dev.ferry.core.runtime.InstanceState;
import dev.ferry.core.runtime.InstanceUsage;
import dev.ferry.core.runtime.OneOffProcess;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Release;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An {@link AppRuntime} for API tests: applying a new release "runs" its formation's instances at once (or fails
 * with {@link #failNextDeploy}), every call is recorded, and {@link #run} starts a real {@code sh -c} process on
 * this machine so that streaming is tested with real output.
 */
public final class FakeRuntime implements AppRuntime, InstanceMeter {

    public final List<String> calls = new CopyOnWriteArrayList<>();
    /** What {@link #measure} answers per app; an app not in it measures nothing. */
    public final Map<AppName, Map<String, InstanceUsage>> usage = new ConcurrentHashMap<>();
    private final Map<AppName, List<Instance>> instances = new ConcurrentHashMap<>();
    private final Map<AppName, Integer> running = new ConcurrentHashMap<>();
    private final AtomicInteger runs = new AtomicInteger();
    private volatile String nextFailure;
    private volatile RuntimeException nextThrown;

    @Override
    public Map<String, InstanceUsage> measure(AppName app) {
        return usage.getOrDefault(app, Map.of());
    }

    /** The next deploy fails with this reason. */
    public void failNextDeploy(String reason) {
        nextFailure = reason;
    }

    /** The next deploy throws this, as a runtime that broke would. */
    public void throwOnNextDeploy(RuntimeException e) {
        nextThrown = e;
    }

    /** Forgets every instance, as a runtime that was restarted runs nothing. */
    public void forgetAll() {
        instances.clear();
        running.clear();
    }

    /**
     * Records {@code deploy <app> v<N>} for a new release (which may fail as asked), {@code scale <app> {...}} for
     * the release that runs, {@code stop <app> all} for nothing to run.
     */
    @Override
    public DeployResult apply(DesiredState desired, Consumer<String> progress) {
        AppName app = desired.app();
        if (desired.release().isEmpty()) {
            calls.add("stop " + app + " all");
            forget(app);
            return DeployResult.success();
        }
        Release release = desired.release().get();
        if (running.getOrDefault(app, 0) == release.version()) {
            calls.add("scale " + app + " " + desired.formation().quantities());
            instances.put(app, instancesOf(desired));
            return DeployResult.success();
        }
        calls.add("deploy " + app + " " + release.label());
        progress.accept("Starting " + release.label());
        RuntimeException thrown = nextThrown;
        nextThrown = null;
        if (thrown != null) {
            throw thrown;
        }
        String failure = nextFailure;
        nextFailure = null;
        if (failure != null) {
            return DeployResult.failure(failure);
        }
        instances.put(app, instancesOf(desired));
        running.put(app, release.version());
        return DeployResult.success();
    }

    private static List<Instance> instancesOf(DesiredState desired) {
        List<Instance> all = new ArrayList<>();
        desired.instanceCounts().forEach((type, n) -> {
            for (int i = 1; i <= n; i++) {
                all.add(new Instance(type + "." + i, type, InstanceState.UP, desired.version(), 5000 + i, 100 + i,
                        Instant.parse("2026-11-24T14:00:00Z"), 0));
            }
        });
        return all;
    }

    @Override
    public ActualState actual(AppName app) {
        return new ActualState(app, running.getOrDefault(app, 0), instances.getOrDefault(app, List.of()));
    }

    private void forget(AppName app) {
        instances.remove(app);
        running.remove(app);
    }

    @Override
    public int restart(AppName app, Optional<String> selector) {
        calls.add("restart " + app + " " + selector.orElse("*"));
        return (int) instances(app).stream().filter(i -> selector.isEmpty() || i.name().equals(selector.get())
                || i.type().equals(selector.get())).count();
    }

    @Override
    public int stop(AppName app, String selector) {
        calls.add("stop " + app + " " + selector);
        return (int) instances(app).stream().filter(i -> i.name().equals(selector) || i.type().equals(selector)).count();
    }

    @Override
    public void destroy(AppName app) {
        calls.add("destroy " + app);
        forget(app);
    }

    @Override
    public OneOffProcess run(Release release, String command, Map<String, String> extraEnv) {
        calls.add("run " + release.app() + " " + release.label() + " " + command);
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true);
        pb.environment().putAll(release.config().asMap());
        pb.environment().putAll(extraEnv);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = "run." + runs.incrementAndGet();
        return new OneOffProcess() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public InputStream output() {
                return p.getInputStream();
            }

            @Override
            public OutputStream input() {
                return p.getOutputStream();
            }

            @Override
            public int waitFor() throws InterruptedException {
                return p.waitFor();
            }

            @Override
            public void close() {
                p.destroyForcibly();
            }
        };
    }

    @Override
    public void close() {
        calls.add("close");
    }
}
