package dev.ferry.server.e2e;

import dev.ferry.server.Main;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code ferry router --registry …} in a child JVM on a free loopback port, its output in {@code <dir>/router.log},
 * so that a test can {@code kill -9} it.
 */
final class ChildRouter implements AutoCloseable {

    final int httpPort;
    private final Path log;
    private final Process process;

    private ChildRouter(Path dir, String registry) throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            this.httpPort = s.getLocalPort();
        }
        Files.createDirectories(dir);
        this.log = dir.resolve("router.log");
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder pb = new ProcessBuilder(java, "-Duser.home=" + dir, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "router", "--registry", registry, "--http-port", String.valueOf(httpPort),
                "--data-dir", dir.resolve("data").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("FERRY_DATA_DIR");
        this.process = pb.start();
    }

    /** Starts the router and waits (at most 60 s) until it says where it listens. */
    static ChildRouter start(Path dir, String registry) throws Exception {
        ChildRouter router = new ChildRouter(dir, registry);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && router.process.isAlive()) {
            if (router.log().contains("ferry router listening on")) {
                return router;
            }
            Thread.sleep(100);
        }
        router.close();
        throw new AssertionError("ferry router did not start; log: " + router.log());
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** {@code kill -9}. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
