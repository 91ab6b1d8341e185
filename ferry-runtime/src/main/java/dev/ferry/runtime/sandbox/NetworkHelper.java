package dev.ferry.runtime.sandbox;

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
 * The running pasta process of one sandboxed process in its own network namespace ({@link InstanceNetwork});
 * {@link #close} stops it. Started by {@link #connect} right after the sandboxed process, by instances, one-off
 * processes and builds alike; it dies with Ferry by its parent-death signal.
 */
public final class NetworkHelper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NetworkHelper.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    /** Starts a child process; the runtime starts every child from one long-lived thread (see RuntimeServices). */
    @FunctionalInterface
    public interface Starter {
        Process start(ProcessBuilder builder) throws IOException;
    }

    private final Process helper;

    private NetworkHelper(Process helper) {
        this.helper = helper;
    }

    /**
     * Connects the network namespace of {@code sandbox} (a process started from {@link Sandbox}'s argv); empty
     * when the network is shared, or (logged) when pasta could not connect it within 3 s: the process then runs
     * without a network, never on the host's.
     *
     * @param inboundPort the port forwarded from {@code 127.0.0.1} on the host into the namespace; 0 for none
     * @param readyFile a path pasta may write its pid to once ready (deleted again)
     * @param what names the process in the log
     */
    public static Optional<NetworkHelper> connect(InstanceNetwork network, Process sandbox, int inboundPort,
                                                  Path readyFile, Starter starter, String what) throws IOException {
        long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
        List<String> output = new CopyOnWriteArrayList<>();
        try {
            while (System.nanoTime() < deadline && sandbox.isAlive()) {
                Files.deleteIfExists(readyFile);
                Optional<ProcessBuilder> connector = network.connector(sandbox.toHandle(), inboundPort, readyFile);
                if (connector.isEmpty()) {
                    return Optional.empty();
                }
                output.clear();
                Process helper = starter.start(connector.get());
                helper.getOutputStream().close();
                LinePump.start(what + "-net", helper.getInputStream(), output::add);
                // pasta may fail to join a namespace bubblewrap is still setting up: try again until it is ready
                while (helper.isAlive() && !Files.exists(readyFile) && System.nanoTime() < deadline) {
                    sleep(2);
                }
                if (helper.isAlive() && Files.exists(readyFile)) {
                    return Optional.of(new NetworkHelper(helper));
                }
                ProcessTree.kill(helper.toHandle());
                sleep(20);
            }
        } finally {
            Files.deleteIfExists(readyFile);
        }
        if (sandbox.isAlive()) {
            log.warn("could not connect the network of {}; it runs without one: {}", what, String.join(" / ", output));
        }
        return Optional.empty();
    }

    /** The helper's process id. */
    public long pid() {
        return helper.pid();
    }

    @Override
    public void close() {
        ProcessTree.kill(helper.toHandle());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
