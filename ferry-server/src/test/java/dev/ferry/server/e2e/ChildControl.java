package dev.ferry.server.e2e;

import dev.ferry.server.Main;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ferry control --store … --registry …} in a child JVM on a free loopback API port (SSH and tunnels off), its
 * output in {@code <dir>/control.log}, so that a test can {@code kill -9} it.
 */
final class ChildControl implements AutoCloseable {

    final int apiPort;
    private final Path log;
    private final Process process;

    private ChildControl(Path dir, String store, String registry, Map<String, String> env) throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            this.apiPort = s.getLocalPort();
        }
        Files.createDirectories(dir);
        this.log = dir.resolve("control.log");
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder pb = new ProcessBuilder(java, "-Duser.home=" + dir, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "control", "--store", store, "--registry", registry,
                "--api-port", String.valueOf(apiPort), "--ssh-port", "0", "--tunnel-port", "0",
                "--data-dir", dir.resolve("data").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("FERRY_DATA_DIR");
        pb.environment().putAll(env);
        this.process = pb.start();
    }

    /** Starts the control node and waits (at most 90 s) until it says it is up. */
    static ChildControl start(Path dir, String store, String registry, Map<String, String> env) throws Exception {
        ChildControl control = new ChildControl(dir, store, registry, env);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && control.process.isAlive()) {
            if (control.log().contains("Ferry is up.")) {
                return control;
            }
            Thread.sleep(100);
        }
        control.close();
        throw new AssertionError("ferry control did not start; log: " + control.log());
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
