package dev.ferry.runtime.local;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.retry.Backoff;
import dev.ferry.core.runtime.Instance;
import dev.ferry.core.runtime.InstanceUsage;
import dev.ferry.core.runtime.InstanceState;
import dev.ferry.core.store.AppName;
import dev.ferry.runtime.health.StartupGate;
import dev.ferry.runtime.process.IdleConnections;
import dev.ferry.runtime.process.LinePump;
import dev.ferry.runtime.process.ProcessTree;
import dev.ferry.runtime.process.TcpConnections;
import dev.ferry.runtime.sandbox.CgroupCounters;
import dev.ferry.runtime.sandbox.CgroupGauge;
import dev.ferry.runtime.sandbox.Cgroups;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One supervised instance ({@code web.1}) of a release: {@link #boot} starts its process in the sandbox and
 * waits for health, {@link #goLive} registers it (web) and starts supervision — an unexpected exit or a failed
 * check of its {@link InstanceWatch} deregisters it at once and restarts it after a {@link Backoff} — and
 * {@link #retire} deregisters, drains and stops it. Each (re)start runs from a fresh copy of the release in its
 * own directory and cgroup.
 *
 * <p>Threading: state fields are volatile for {@code ps}; start/stop transitions hold {@code this}'s monitor,
 * so a stop never misses a process being started. Exits are seen on the JDK's process reaper.
 */
final class RunningInstance {

    private static final Logger log = LoggerFactory.getLogger(RunningInstance.class);
    /** A connection whose last act was a response this long ago is idle, not serving a request. */
    private static final Duration IDLE_QUIET = Duration.ofMillis(500);

    private final RuntimeServices svc;
    private final PreparedRelease release;
    private final String type;
    private final int number;
    private final Backoff restartBackoff;
    /** Guarded by this: crashes since the instance last stayed up; the first restarts at once. */
    private int crashesInRow;
    private final Object routeLock = new Object();

    private volatile InstanceState state = InstanceState.STARTING;
    private volatile Instant since = Instant.now();
    private volatile int restarts;
    private volatile int port;
    private volatile Process process;
    private volatile long startedNanos;
    private volatile Instant upSince;
    private volatile boolean wanted = true;
    private volatile boolean supervised;
    private volatile boolean wasServing;
    private volatile InstanceWatch watch;
    private Path dir;
    private Optional<Cgroups.Group> group = Optional.empty();
    private volatile Optional<CgroupGauge> gauge = Optional.empty();
    private Path pidFile;
    private NetworkLink network = NetworkLink.NONE;

    RunningInstance(RuntimeServices svc, PreparedRelease release, String type, int number) {
        this.svc = svc;
        this.release = release;
        this.type = type;
        this.number = number;
        LocalRuntimeConfig c = svc.config();
        this.restartBackoff = Backoff.doubling(c.restartBackoffFirst(), c.restartBackoffMax());
    }

    AppName app() {
        return release.release().app();
    }

    String type() {
        return type;
    }

    int number() {
        return number;
    }

    String name() {
        return type + "." + number;
    }

    boolean isWeb() {
        return "web".equals(type);
    }

    InstanceState state() {
        return state;
    }

    int port() {
        return port;
    }

    PreparedRelease release() {
        return release;
    }

    /** True while {@code p} is this instance's supervised process: its checks still count. */
    boolean watches(Process p) {
        return supervised && p == process;
    }

    Object routeLock() {
        return routeLock;
    }

    Endpoint endpoint() {
        return Endpoint.of("127.0.0.1", port);
    }

    Instance snapshot() {
        Process p = process;
        long pid = p != null && p.isAlive() ? p.pid() : 0;
        return new Instance(name(), type, state, release.version(), port, pid, since, restarts);
    }

    /** Its CPU and memory now, from its cgroup; empty without one ("not measured"). */
    Optional<InstanceUsage> usage(Instant now) {
        return gauge.flatMap(g -> g.read(now, System.nanoTime()));
    }

    /** Starts the process and blocks until it is healthy (empty) or has failed (why; the process is stopped). */
    Optional<String> boot() {
        supervised = false;
        Process p;
        try {
            p = spawn();
        } catch (IOException | RuntimeException e) {
            cleanUp();
            return Optional.of("could not start: " + e.getMessage());
        }
        if (p == null) {
            return Optional.of("was stopped while starting");
        }
        LocalRuntimeConfig c = svc.config();
        Optional<String> failure = StartupGate.await(release.checksOf(type), isWeb(), port, c.bootTimeout(),
                c.nonWebUptime(), p::isAlive);
        if (failure.isPresent() && !isWeb() && !p.isAlive() && p.exitValue() == 0) {
            // a type that finishes at once (a one-shot task) does not fail the deploy; like any exit while
            // up, supervision restarts it with backoff
            return Optional.empty();
        }
        if (failure.isPresent()) {
            String reason = p.isAlive() ? failure.get() : "exited with code " + exitCode(p) + " during boot";
            ProcessTree.stop(p.toHandle(), Duration.ofSeconds(2));
            cleanUp();
            return Optional.of(reason);
        }
        return Optional.empty();
    }

    /** Marks the booted instance up: registers a web instance and watches it from now on. */
    void goLive() {
        Process p;
        Path d;
        synchronized (this) {
            if (!wanted) {
                return;
            }
            state = InstanceState.UP;
            since = Instant.now();
            upSince = since;
            supervised = true;
            p = process;
            d = dir;
        }
        if (p == null || !p.isAlive()) {
            // it died between its health check and now, before its exit could be seen as a crash
            onExit(p);
            return;
        }
        if (isWeb()) {
            svc.routes().register(this);
        }
        svc.events().event(app(), name() + " of " + release.release().label() + " is up"
                + (isWeb() ? " on port " + port : ""));
        watch = new InstanceWatch(svc, this, p, d, startedNanos);
    }

    /**
     * Deregisters, drains (web: until no connection to its port is established, at most the drain time, after
     * a grace for routers to apply the change), then stops with SIGTERM and SIGKILL after the stop grace.
     * Ends in {@code STOPPED}; never restarted after.
     */
    void retire(Duration drainLimit) {
        leaveRoutes();
        finishRetire(drainLimit);
    }

    /** First half of {@link #retire}: no more restarts, state {@code STOPPING}, out of the route table now. */
    void leaveRoutes() {
        synchronized (this) {
            if (!wanted) {
                return;
            }
            wanted = false;
            supervised = false;
            state = InstanceState.STOPPING;
            since = Instant.now();
        }
        cancelLiveness();
        wasServing = svc.routes().deregister(this);
    }

    /** Second half of {@link #retire}: drain (when it served traffic), SIGTERM, SIGKILL after the grace. */
    void finishRetire(Duration drainLimit) {
        Process p = process;
        boolean ran = p != null && p.isAlive();
        LocalRuntimeConfig c = svc.config();
        if (!drainLimit.isZero() && wasServing && p != null && p.isAlive()) {
            sleep(c.drainGrace());
            long deadline = System.nanoTime() + drainLimit.toNanos();
            while (System.nanoTime() < deadline && p.isAlive() && TcpConnections.establishedTo(port) > 0
                    && !IdleConnections.allIdle(port, IDLE_QUIET).orElse(false)) {
                sleep(Duration.ofMillis(100));
            }
        }
        if (p != null) {
            ProcessTree.stop(p.toHandle(), c.stopGrace());
        }
        cleanUp();
        state = InstanceState.STOPPED;
        since = Instant.now();
        if (ran) {
            svc.events().event(app(), name() + " of " + release.release().label() + " stopped");
        }
    }

    private synchronized Process spawn() throws IOException {
        if (!wanted) {
            return null;
        }
        String id = svc.nextId(name());
        dir = svc.files().copyForInstance(release, id);
        svc.sandbox().handOver(app().value(), dir);
        port = isWeb() ? InstanceEnv.freePort() : 0;
        Map<String, String> env = InstanceEnv.of(release.release(), name(), port, svc.sandbox().appPath(dir));
        group = Optional.empty();
        if (svc.sandbox().cgroups().version() != Cgroups.Version.NONE) {
            try {
                group = Optional.of(svc.sandbox().cgroups().create(app().value(), id,
                        svc.sandbox().cgroups().limits().withPids(svc.config().pidsLimitOf(type))));
            } catch (IOException | RuntimeException e) {
                log.warn("{} of {} runs without a cgroup: {}", name(), app(), e.toString());
            }
        }
        gauge = group.map(g -> new CgroupGauge(CgroupCounters.of(g), System.nanoTime()));
        String command = release.release().processTypes().get(type);
        Process p = svc.start(svc.sandbox().builder(app().value(), dir, command, env, group));
        p.getOutputStream().close();
        process = p;
        startedNanos = System.nanoTime();
        state = InstanceState.STARTING;
        since = Instant.now();
        pidFile = svc.pids().record(app().value(), id, p.pid());
        try {
            network = NetworkLink.connect(svc, p, port, app().value(), id);
        } catch (IOException e) {
            ProcessTree.kill(p.toHandle());
            throw e;
        }
        LinePump.start(name() + "-out", p.getInputStream(), line -> svc.events().output(app(), name(), line));
        LinePump.start(name() + "-err", p.getErrorStream(), line -> svc.events().output(app(), name(), line));
        p.onExit().thenRun(() -> onExit(p));
        return p;
    }

    private void onExit(Process p) {
        synchronized (this) {
            if (p == null || p != process || !supervised || !wanted) {
                return;
            }
            supervised = false;
            state = InstanceState.CRASHED;
            since = Instant.now();
        }
        svc.routes().deregister(this);
        cancelLiveness();
        cleanUp();
        String code = exitCode(p);
        svc.events().event(app(), name() + (code.equals("0") ? " exited" : " crashed: exited with code " + code));
        scheduleRestart();
    }

    private void scheduleRestart() {
        Duration delay;
        synchronized (this) {
            Duration upFor = upSince == null ? Duration.ZERO : Duration.between(upSince, Instant.now());
            if (upFor.compareTo(svc.config().backoffResetAfter()) >= 0) {
                crashesInRow = 0;
            }
            upSince = null;
            delay = crashesInRow == 0 ? Duration.ZERO : restartBackoff.delay(crashesInRow - 1);
            crashesInRow++;
        }
        if (!delay.isZero()) {
            svc.events().event(app(), "restarting " + name() + " in " + delay.toMillis() / 1000.0 + " s");
        }
        svc.later(delay, this::restartNow);
    }

    private void restartNow() {
        if (!wanted) {
            return;
        }
        restarts++;
        Optional<String> failure = boot();
        if (!wanted) {
            return;
        }
        if (failure.isPresent()) {
            state = InstanceState.CRASHED;
            since = Instant.now();
            svc.events().event(app(), name() + " failed to restart: " + failure.get());
            scheduleRestart();
            return;
        }
        svc.events().event(app(), name() + " restarted");
        goLive();
    }

    private void cancelLiveness() {
        InstanceWatch w = watch;
        if (w != null) {
            w.cancel();
        }
    }

    private synchronized void cleanUp() {
        network.close();
        network = NetworkLink.NONE;
        group.ifPresent(g -> {
            g.killAll();
            g.remove();
        });
        group = Optional.empty();
        gauge = Optional.empty();
        if (pidFile != null) {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                // removed at the next start
            }
            pidFile = null;
        }
        if (dir != null) {
            ReleaseFiles.deleteTree(dir);
            dir = null;
        }
    }

    private static String exitCode(Process p) {
        try {
            return Integer.toString(p.exitValue());
        } catch (IllegalThreadStateException e) {
            return "?";
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
