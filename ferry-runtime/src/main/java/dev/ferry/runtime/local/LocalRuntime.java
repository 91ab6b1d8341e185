package dev.ferry.runtime.local;

import dev.ferry.core.build.BuildSandbox;
import dev.ferry.core.build.SlugSource;
import dev.ferry.core.log.AppLogs;
import dev.ferry.core.manifest.AppManifestReader;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.core.runtime.ActualState;
import dev.ferry.core.runtime.AppRuntime;
import dev.ferry.core.runtime.DeployResult;
import dev.ferry.core.runtime.DesiredState;
import dev.ferry.core.runtime.InstanceMeter;
import dev.ferry.core.runtime.InstanceUsage;
import dev.ferry.core.runtime.OneOffCommand;
import dev.ferry.core.runtime.OneOffProcess;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Formation;
import dev.ferry.core.store.Release;
import dev.ferry.runtime.sandbox.AppUsers;
import dev.ferry.runtime.sandbox.CgroupLimits;
import dev.ferry.runtime.sandbox.Cgroups;
import dev.ferry.runtime.sandbox.Sandbox;
import dev.ferry.runtime.sandbox.SandboxedBuilds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link AppRuntime}: supervises each app's instances as sandboxed child processes on this machine
 * (see {@link Sandbox}), registers healthy web instances in the {@link RouteRegistry} under the hosts
 * {@code hostsOfApp} names (read again on every TTL refresh), and writes their output and the platform's
 * events to {@link AppLogs}. At construction it kills processes and removes cgroups a previous Ferry left
 * behind (after a {@code kill -9}), its builds' included, so a re-deploy never runs duplicates. Builds run in the
 * same sandbox through {@link #buildSandbox()}.
 *
 * <p>Print {@link #sandboxStatus()} at start-up: it says how instances are isolated on this host.
 * Thread-safe; calls that change one app come one at a time from the control plane's lane of that app (see
 * {@link AppRuntime}). {@link #deploy} and {@link #scale} are shorthands of {@link #apply} for this runtime's
 * own tests and tools.
 */
public final class LocalRuntime implements AppRuntime, InstanceMeter {

    private static final Logger log = LoggerFactory.getLogger(LocalRuntime.class);
    /** The longest {@link #close} waits for connections to drain: the platform is stopping anyway. */
    private static final Duration CLOSE_DRAIN = Duration.ofSeconds(5);

    private final LocalRuntimeConfig config;
    private final RuntimeServices svc;
    private final Map<AppName, AppSupervisor> apps = new ConcurrentHashMap<>();
    private final Map<AppName, AtomicInteger> runCounters = new ConcurrentHashMap<>();
    private final DetachedRuns detached;
    private volatile boolean closed;

    /**
     * @param hostsOfApp the route domains of an app's web instances ({@code <app>.<domain>} and custom domains)
     * @param manifests reads each release's {@code app.json} (health checks, deploy scripts)
     * @throws IllegalStateException when the sandbox mode is BUBBLEWRAP and bubblewrap does not work here
     * @throws UncheckedIOException when the runtime directory cannot be created
     */
    public LocalRuntime(LocalRuntimeConfig config, SlugSource slugs, RouteRegistry routes,
                        Function<AppName, List<String>> hostsOfApp, AppLogs logs, AppManifestReader manifests) {
        this.config = Objects.requireNonNull(config, "config");
        Path dir = config.runtimeDir().toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the runtime directory " + dir, e);
        }
        PidFiles pids = new PidFiles(dir.resolve("pids"));
        int killed = pids.killLeftovers();
        Cgroups cgroups = Cgroups.probe(config.cgroupRoot(), config.cgroupName(),
                new CgroupLimits(config.memoryLimitBytes(), config.cpuShares(), config.pidsLimit()), ownerKey(dir));
        cgroups.removeLeftovers();
        removeLeftoverInstanceDirs(dir.resolve("apps"));
        if (killed > 0) {
            log.warn("killed {} instance(s) left running by an earlier Ferry", killed);
        }
        Sandbox sandbox = Sandbox.probe(config.sandboxMode(), hiddenDir(dir), config.extraReadOnlyPaths(), cgroups,
                new AppUsers(dir.resolve("app-uids.properties"), config.firstAppUid()), config.networkMode(),
                config.routerPorts())
                .withInstanceFileLimits(config.tmpSizeBytes(), config.appDiskLimitBytes());
        if (!sandbox.isBubblewrap() || cgroups.version() == Cgroups.Version.NONE) {
            log.warn(sandbox.status());
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ferry-runtime-timer");
            t.setDaemon(true);
            return t;
        });
        ExecutorService spawner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ferry-runtime-spawner");
            t.setDaemon(true);
            return t;
        });
        RouteKeeper keeper = new RouteKeeper(routes, hostsOfApp, config.routeTtl());
        ReleaseFiles files = new ReleaseFiles(dir, slugs, Objects.requireNonNull(manifests, "manifests"));
        this.svc = new RuntimeServices(config, sandbox, files, pids, keeper,
                new RuntimeEvents(logs), scheduler, spawner, new AtomicLong());
        svc.every(config.routeRefresh(), keeper::refreshAll);
        this.detached = new DetachedRuns(svc.events());
    }

    /** How instances are isolated here, e.g. {@code sandbox: bubblewrap (one uid per app), cgroups v1 (…)}. */
    public String sandboxStatus() {
        return svc.sandbox().status();
    }

    /**
     * Where builds run their commands: this runtime's sandbox ({@link SandboxedBuilds}, with the build limits of
     * the config) when instances run under bubblewrap, else unsandboxed as Ferry's user (the start-up warning
     * about the sandbox says so). Groups a killed Ferry's builds left are removed at construction, with the
     * instances'.
     */
    public BuildSandbox buildSandbox() {
        Sandbox sandbox = svc.sandbox();
        if (!sandbox.isBubblewrap()) {
            return BuildSandbox.unsandboxed();
        }
        return new SandboxedBuilds(sandbox, new CgroupLimits(config.buildMemoryLimitBytes(), config.cpuShares(),
                config.buildPidsLimit()), config.buildTmpSizeBytes());
    }

    /** True when instances run under bubblewrap (false: unsandboxed, as {@link #sandboxStatus()} says). */
    public boolean isSandboxed() {
        return svc.sandbox().isBubblewrap();
    }

    /** The settings this runtime runs with. */
    public LocalRuntimeConfig config() {
        return config;
    }

    @Override
    public DeployResult apply(DesiredState desired, Consumer<String> progress) {
        requireOpen();
        return supervisor(desired.app()).apply(desired, progress);
    }

    /** {@link #apply} of {@code release} at {@code formation}. */
    public DeployResult deploy(Release release, Formation formation, Consumer<String> progress) {
        return apply(DesiredState.of(release, formation), progress);
    }

    /** Starts or stops instances of the running release so that each type runs its quantity in {@code formation}. */
    public DeployResult scale(Formation formation) {
        requireOpen();
        return supervisor(formation.app()).scale(formation);
    }

    @Override
    public ActualState actual(AppName app) {
        AppSupervisor s = apps.get(app);
        return s == null ? ActualState.none(app) : s.actual();
    }

    /** Reads each current instance's cgroup; empty when the instances run without cgroups. */
    @Override
    public Map<String, InstanceUsage> measure(AppName app) {
        AppSupervisor s = apps.get(app);
        return s == null ? Map.of() : s.usage(Instant.now());
    }

    @Override
    public int restart(AppName app, Optional<String> selector) {
        requireOpen();
        AppSupervisor s = apps.get(app);
        return s == null ? 0 : s.restart(selector);
    }

    @Override
    public int stop(AppName app, String selector) {
        requireOpen();
        AppSupervisor s = apps.get(app);
        return s == null ? 0 : s.stop(selector);
    }

    @Override
    public void destroy(AppName app) {
        AppSupervisor s = apps.remove(app);
        if (s != null) {
            s.close(Duration.ZERO);
        }
        runCounters.remove(app);
        detached.stop(app);
        ReleaseFiles.deleteTree(svc.files().appDir(app));
        svc.events().forget(app);
    }

    @Override
    public OneOffProcess run(Release release, String command, Map<String, String> extraEnv) {
        requireOpen();
        Objects.requireNonNull(command, "command");
        try {
            PreparedRelease prepared = svc.files().prepare(release);
            int n = runCounters.computeIfAbsent(release.app(), a -> new AtomicInteger()).incrementAndGet();
            String name = "run." + n;
            svc.events().event(release.app(), "starting " + name + " of " + release.label() + ": " + command);
            return new OneOffLauncher(svc).start(prepared, name, command, extraEnv);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start `" + command + "`: " + e.getMessage(), e);
        }
    }

    @Override
    public OneOffProcess start(Release release, OneOffCommand command) {
        requireOpen();
        try {
            PreparedRelease prepared = svc.files().prepare(release);
            String name = "run." + runCounters.computeIfAbsent(release.app(), a -> new AtomicInteger()).incrementAndGet();
            svc.events().event(release.app(), "starting " + name + (command.detached() ? " (detached)" : "") + " of "
                    + release.label() + ": " + command.line());
            LocalOneOffProcess process = new OneOffLauncher(svc).start(prepared, name, OneOffArgv.of(command),
                    command.env(), false);
            if (command.detached()) {
                detached.follow(process, release.app());
            }
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start `" + command.line() + "`: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            svc.scheduler().shutdownNow();
            detached.stopAll();
            Duration drain = config.drainTimeout().compareTo(CLOSE_DRAIN) < 0 ? config.drainTimeout() : CLOSE_DRAIN;
            List<Thread> stops = apps.values().stream()
                    .map(s -> Thread.ofVirtual().start(() -> s.close(drain))).toList();
            for (Thread t : stops) {
                t.join();
            }
            apps.clear();
            svc.spawner().shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("runtime did not close cleanly: {}", e.toString());
        }
    }

    private AppSupervisor supervisor(AppName app) {
        return apps.computeIfAbsent(app, a -> new AppSupervisor(a, svc));
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the runtime is closed");
        }
    }

    /** A short stable hash of the runtime directory, naming this installation's cgroups. */
    private static String ownerKey(Path runtimeDir) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(runtimeDir.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Ferry's data directory (the runtime dir's parent), never visible to apps. */
    private static Path hiddenDir(Path runtimeDir) {
        return runtimeDir.getParent() == null ? runtimeDir : runtimeDir.getParent();
    }

    private static void removeLeftoverInstanceDirs(Path appsDir) {
        if (!Files.isDirectory(appsDir)) {
            return;
        }
        try (Stream<Path> list = Files.list(appsDir)) {
            for (Path app : list.toList()) {
                ReleaseFiles.deleteTree(app.resolve("instances"));
                if (Files.isDirectory(app.resolve("releases"))) {
                    try (Stream<Path> releases = Files.list(app.resolve("releases"))) {
                        releases.filter(r -> r.getFileName().toString().contains(".unpacking-"))
                                .forEach(ReleaseFiles::deleteTree);
                    }
                }
            }
        } catch (IOException e) {
            log.warn("could not clean {}: {}", appsDir, e.toString());
        }
    }
}
