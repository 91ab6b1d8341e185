package dev.ferry.server.e2e;

import dev.ferry.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code ferry router --registry …} in a child JVM ({@link ChildRole}) on a free loopback port, its data in
 * {@code <dir>/data} and its output in {@code <dir>/router.log}, so that a test can {@code kill -9} it.
 */
final class ChildRouter implements AutoCloseable {

    final int httpPort;
    private final ChildRole child;

    private ChildRouter(int httpPort, ChildRole child) {
        this.httpPort = httpPort;
        this.child = child;
    }

    /** Starts the router and waits (at most 60 s) until it says where it listens. */
    static ChildRouter start(Path dir, String registry) throws Exception {
        int httpPort = FreePorts.loopback();
        List<String> flags = List.of("--registry", registry, "--http-port", String.valueOf(httpPort),
                "--data-dir", dir.resolve("data").toString());
        return new ChildRouter(httpPort,
                ChildRole.start(dir, "router", Map.of(), flags, "ferry router listening on", Duration.ofSeconds(60)));
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
