package dev.ferry.server.e2e;

import dev.ferry.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ferry control --registry …} in a child JVM ({@link ChildRole}) on a free loopback API port (SSH and tunnels
 * off), its data in {@code <dir>/data} and its output in {@code <dir>/control.log}, so that a test can {@code kill -9} it.
 */
final class ChildControl implements AutoCloseable {

    final int apiPort;
    private final Path dataDir;
    private final ChildRole child;

    private ChildControl(int apiPort, Path dataDir, ChildRole child) {
        this.apiPort = apiPort;
        this.dataDir = dataDir;
        this.child = child;
    }

    /** Starts the control node on {@code store} and waits (at most 90 s) until it says it is up. */
    static ChildControl start(Path dir, String store, String registry, Map<String, String> env) throws Exception {
        return start(dir, registry, env, "--store", store);
    }

    /**
     * Starts the control node with {@code flags} after its registry, API port, data directory and the SSH and tunnel
     * ports off, and waits (at most 90 s) until it says it is up.
     */
    static ChildControl start(Path dir, String registry, Map<String, String> env, String... flags) throws Exception {
        int apiPort = FreePorts.loopback();
        Path dataDir = dir.resolve("data");
        List<String> all = new ArrayList<>(List.of("--registry", registry, "--api-port", String.valueOf(apiPort),
                "--ssh-port", "0", "--tunnel-port", "0", "--data-dir", dataDir.toString()));
        all.addAll(List.of(flags));
        return new ChildControl(apiPort, dataDir,
                ChildRole.start(dir, "control", env, all, "Ferry is up.", Duration.ofSeconds(90)));
    }

    /** The admin token the node wrote into its data directory on its first start. */
    String adminToken() throws IOException {
        return Files.readString(dataDir.resolve("admin-token")).strip();
    }

    String log() throws IOException {
        return child.log();
    }

    /** {@code kill -9}. */
    void kill() throws InterruptedException {
        child.kill();
    }

    @Override
    public void close() throws InterruptedException {
        child.close();
    }
}
