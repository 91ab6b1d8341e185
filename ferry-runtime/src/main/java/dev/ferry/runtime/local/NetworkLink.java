package dev.ferry.runtime.local;

import dev.ferry.runtime.process.LinePump;
import dev.ferry.runtime.process.ProcessTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pasta process connecting one sandboxed process's network namespace (see
 * {@link dev.ferry.runtime.sandbox.InstanceNetwork}), recorded in {@link PidFiles} like the process itself;
 * {@link #close} stops it. It dies with Ferry by its parent-death signal; the pid file covers the rest.
 */
final class NetworkLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NetworkLink.class);
    static final NetworkLink NONE = new NetworkLink(null, null);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private final Process helper;
    private final Path pidFile;

    private NetworkLink(Process helper, Path pidFile) {
        this.helper = helper;
        this.pidFile = pidFile;
    }

    /**
     * Connects the network of {@code sandbox} (started for {@code app}'s {@code id}) when the sandbox isolates it;
     * {@link #NONE} when it shares the host's.
     *
     * @param inboundPort the port routers reach it on ({@code 127.0.0.1:<port>}); 0 for none
     */
    static NetworkLink connect(RuntimeServices svc, Process sandbox, int inboundPort, String app, String id)
            throws IOException {
        Path ready = svc.pids().dir().resolve(app + "." + id + ".net.ready");
        long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
        List<String> output = new CopyOnWriteArrayList<>();
        while (System.nanoTime() < deadline && sandbox.isAlive()) {
            Files.deleteIfExists(ready);
            Optional<ProcessBuilder> connector = svc.sandbox().network().connector(sandbox.toHandle(), inboundPort,
                    ready);
            if (connector.isEmpty()) {
                return NONE;
            }
            output.clear();
            Process helper = svc.start(connector.get());
            helper.getOutputStream().close();
            LinePump.start(id + "-net", helper.getInputStream(), output::add);
            // pasta may fail to join a namespace bubblewrap is still setting up: try again until it is ready
            while (helper.isAlive() && !Files.exists(ready) && System.nanoTime() < deadline) {
                sleep(2);
            }
            if (helper.isAlive() && Files.exists(ready)) {
                Files.deleteIfExists(ready);
                try {
                    return new NetworkLink(helper, svc.pids().record(app, id + ".net", helper.pid()));
                } catch (IOException e) {
                    ProcessTree.kill(helper.toHandle());
                    throw e;
                }
            }
            ProcessTree.kill(helper.toHandle());
            sleep(20);
        }
        Files.deleteIfExists(ready);
        if (sandbox.isAlive()) {
            log.warn("could not connect the network of {} {}; it runs without one: {}", app, id,
                    String.join(" / ", output));
        }
        return NONE;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (helper == null) {
            return;
        }
        ProcessTree.kill(helper.toHandle());
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // removed at the next start
        }
    }
}
