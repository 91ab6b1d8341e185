package dev.ferry.runtime.local;

import dev.ferry.runtime.process.ProcessTree;
import dev.ferry.runtime.sandbox.Cgroups;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one-off processes ({@code run.N}, and the {@code release} phase) from a release, sandboxed and
 * limited like instances, with the release's env plus extra variables; no {@code $PORT}.
 */
final class OneOffLauncher {

    private static final Logger log = LoggerFactory.getLogger(OneOffLauncher.class);

    private final RuntimeServices svc;

    OneOffLauncher(RuntimeServices svc) {
        this.svc = svc;
    }

    /** Starts {@code sh -c command} with output and error merged, as the release phase runs. */
    LocalOneOffProcess start(PreparedRelease release, String name, String command, Map<String, String> extraEnv)
            throws IOException {
        return start(release, name, List.of("sh", "-c", command), extraEnv, true);
    }

    /**
     * Starts {@code argv} (no shell); {@code mergeErrors} sends standard error into the output (a terminal does that
     * by itself). A {@code run.N} process gets a {@code $PORT} of its own, as on Heroku.
     */
    LocalOneOffProcess start(PreparedRelease release, String name, List<String> argv,
                             Map<String, String> extraEnv, boolean mergeErrors) throws IOException {
        String app = release.release().app().value();
        String id = svc.nextId(name);
        Path dir = svc.files().copyForInstance(release, id);
        Optional<Cgroups.Group> group = Optional.empty();
        Path pidFile = null;
        NetworkLink network = NetworkLink.NONE;
        try {
            svc.sandbox().handOver(app, dir);
            int port = name.startsWith("run.") ? InstanceEnv.freePort() : 0;
            Map<String, String> env = new LinkedHashMap<>(InstanceEnv.of(release.release(), name, port,
                    svc.sandbox().appPath(dir)));
            env.putAll(extraEnv);
            if (svc.sandbox().cgroups().version() != Cgroups.Version.NONE) {
                try {
                    group = Optional.of(svc.sandbox().cgroups().create(app, id));
                } catch (IOException | RuntimeException e) {
                    log.warn("{} of {} runs without a cgroup: {}", name, app, e.toString());
                }
            }
            Process p = svc.start(svc.sandbox().builder(app, dir, argv, env, group).redirectErrorStream(mergeErrors));
            pidFile = svc.pids().record(app, id, p.pid());
            try {
                network = NetworkLink.connect(svc, p, 0, app, id);
            } catch (IOException e) {
                ProcessTree.kill(p.toHandle());
                throw e;
            }
            Optional<Cgroups.Group> g = group;
            Path pf = pidFile;
            NetworkLink link = network;
            return new LocalOneOffProcess(name, p, svc.config().stopGrace(), () -> {
                link.close();
                g.ifPresent(Cgroups.Group::remove);
                deleteQuietly(pf);
                ReleaseFiles.deleteTree(dir);
            });
        } catch (IOException | RuntimeException e) {
            network.close();
            group.ifPresent(Cgroups.Group::remove);
            deleteQuietly(pidFile);
            ReleaseFiles.deleteTree(dir);
            throw e;
        }
    }

    /** Runs a process to its end within {@code timeout}, each output line to {@code lines}; its exit code. */
    static int runToEnd(LocalOneOffProcess p, Duration timeout, java.util.function.Consumer<String> lines)
            throws InterruptedException {
        Thread pump = dev.ferry.runtime.process.LinePump.start(p.name() + "-out", p.output(), lines);
        try {
            p.input().close();
        } catch (IOException e) {
            // the process closed its stdin already
        }
        var handle = ProcessHandle.of(p.pid());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (handle.map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (handle.map(ProcessHandle::isAlive).orElse(false)) {
            handle.ifPresent(h -> ProcessTree.stop(h, Duration.ofSeconds(5)));
            pump.join(2000);
            return -1;
        }
        int code = p.waitFor();
        pump.join(2000);
        return code;
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // removed at the next start
            }
        }
    }
}
