package dev.ferry.runtime.sandbox;

import dev.ferry.core.build.BuildJail;
import dev.ferry.core.build.BuildSandbox;
import dev.ferry.runtime.process.ChildCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link BuildSandbox} of the local runtime: every command of a build runs in the instances' {@link Sandbox}
 * (bubblewrap with its own PID and IPC namespaces, the system dirs and host runtimes read-only, the app's own
 * uid), with the build's work directory at {@code /app} and the app's build cache at {@code /cache} as the only
 * writable directories, {@code HOME} at {@code /cache/home}, a {@code /tmp} of {@code tmpBytes}, and Ferry's
 * {@code PATH}, {@code LANG} and {@code JAVA_HOME} as the whole environment. All commands of one build share a
 * cgroup of their own ({@code <top>/<app>/build-<n>@<owner>}) with the build's memory, CPU and pids
 * limits; closing the build kills every process left in it, and a later Ferry's start removes such groups of
 * this installation, killing what runs in them. The files of the work directory and the cache are handed to the
 * app's uid first, so its build can write them and nothing else.
 */
public final class SandboxedBuilds implements BuildSandbox {

    private static final Logger log = LoggerFactory.getLogger(SandboxedBuilds.class);

    private final Sandbox sandbox;
    private final CgroupLimits limits;
    private final long tmpBytes;
    private final AtomicLong sequence = new AtomicLong();

    /**
     * @param limits   memory, CPU and pids limits of one build's group
     * @param tmpBytes the size of a build command's {@code /tmp}
     */
    public SandboxedBuilds(Sandbox sandbox, CgroupLimits limits, long tmpBytes) {
        if (!sandbox.isBubblewrap()) {
            throw new IllegalArgumentException("builds are sandboxed only with bubblewrap");
        }
        this.sandbox = sandbox;
        this.limits = limits;
        this.tmpBytes = tmpBytes;
    }

    @Override
    public BuildJail open(String app, Path src, Path cache) throws IOException {
        Files.createDirectories(cache.resolve("home"));
        handOver(app, src, true);
        handOver(app, cache, true);
        Optional<Cgroups.Group> group = Optional.empty();
        if (sandbox.cgroups().version() != Cgroups.Version.NONE) {
            try {
                group = Optional.of(sandbox.cgroups().create(app, "build-" + ProcessHandle.current().pid() + "-"
                        + sequence.incrementAndGet(), limits));
            } catch (IOException | RuntimeException e) {
                log.warn("the build of {} runs without a cgroup: {}", app, e.toString());
            }
        }
        return new Jail(app, src, cache, group);
    }

    /** Gives the app's uid {@code dir} (with everything in it when {@code recursive}). */
    private void handOver(String app, Path dir, boolean recursive) throws IOException {
        if (!sandbox.separatesUsers()) {
            return;
        }
        int uid = sandbox.uidOf(app);
        if (recursive) {
            try {
                ChildCommand.run(List.of("chown", "-R", "-h", uid + ":" + uid, dir.toString()), Duration.ofMinutes(5));
            } catch (IOException e) {
                log.warn("cannot hand {} to uid {}: {}", dir, uid, e.getMessage());
                throw new IOException("cannot hand the build's files to the app's user", e);
            }
            return;
        }
        setOwner(dir, uid);
    }

    private static void setOwner(Path p, int uid) throws IOException {
        if (!Integer.valueOf(uid).equals(Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS))) {
            Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(p, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** One build: its directories, its group, and the commands started in them. */
    private final class Jail implements BuildJail {
        private final String app;
        private final Path src;
        private final Path cache;
        private final Optional<Cgroups.Group> group;
        private final List<NetworkHelper> networks = new CopyOnWriteArrayList<>();

        Jail(String app, Path src, Path cache, Optional<Cgroups.Group> group) {
            this.app = app;
            this.src = src;
            this.cache = cache;
            this.group = group;
        }

        @Override
        public String visiblePath(Path hostPath) {
            if (hostPath.startsWith(src)) {
                return join(Sandbox.BUILD_DIR, src.relativize(hostPath));
            }
            if (hostPath.startsWith(cache)) {
                return join(Sandbox.BUILD_CACHE, cache.relativize(hostPath));
            }
            throw new IllegalArgumentException(hostPath + " is neither in the build's work directory nor its cache");
        }

        private static String join(String base, Path relative) {
            return relative.toString().isEmpty() ? base : base + "/" + relative;
        }

        @Override
        public ProcessBuilder command(List<String> argv, Map<String, String> env) {
            try {
                // buildpacks make their cache directories (npm/, m2/, …) as Ferry's user just before a command
                try (Stream<Path> entries = Files.list(cache)) {
                    for (Path p : entries.toList()) {
                        handOver(app, p, false);
                    }
                }
            } catch (IOException e) {
                log.warn("cannot hand the build cache of {} to its user: {}", app, e.toString());
                throw new UncheckedIOException(new IOException("cannot hand the build cache to the app's user", e));
            }
            Map<String, String> all = new LinkedHashMap<>();
            all.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
            all.put("HOME", Sandbox.BUILD_CACHE + "/home");
            all.put("LANG", "C.UTF-8");
            all.put("TMPDIR", "/tmp");
            String javaHome = System.getenv("JAVA_HOME");
            if (javaHome != null && !javaHome.isBlank()) {
                all.put("JAVA_HOME", javaHome);
            }
            all.putAll(env);
            return sandbox.buildCommand(app, src, cache, argv, all, tmpBytes, group);
        }

        /** Connects the command's own network namespace (internet out, no host loopback) when builds get one. */
        @Override
        public void started(Process process) throws IOException {
            Path ready = Files.createTempFile("ferry-build-net", ".pid");
            try {
                NetworkHelper.connect(sandbox.network(), process, 0, ready, ProcessBuilder::start, app + " build")
                        .ifPresent(networks::add);
            } finally {
                Files.deleteIfExists(ready);
            }
        }

        @Override
        public void close() {
            networks.forEach(NetworkHelper::close);
            group.ifPresent(g -> {
                g.killAll();
                g.remove();
            });
        }
    }
}
