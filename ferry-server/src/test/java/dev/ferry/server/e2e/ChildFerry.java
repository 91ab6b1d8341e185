package dev.ferry.server.e2e;

import dev.ferry.server.Main;
import dev.ferry.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code ferry up} in a child JVM on fixed free ports, with its own home directory and its output in
 * {@code <dir>/<name>.log}; the same ports and data directory can be started again after a kill.
 */
final class ChildFerry {

    final Path dir;
    final Path dataDir;
    final int apiPort;
    final int httpPort;
    private Process process;

    ChildFerry(Path dir) throws IOException {
        this.dir = dir;
        this.dataDir = dir.resolve("data");
        this.apiPort = FreePorts.loopback();
        this.httpPort = FreePorts.loopback();
    }

    /** Starts {@code ferry up} and waits (at most 60 s) until its API answers. */
    Process start(String name) throws Exception {
        process = launch(dir, dataDir, httpPort, apiPort, name);
        Api api = new Api(apiPort, httpPort, "none");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (api.unauthenticated("/api/health").statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("ferry up did not start (alive " + process.isAlive() + "); log: " + log(name));
    }

    /**
     * Starts {@code ferry up} in a child JVM on these ports with {@code <dir>/home} as its home, its output in
     * {@code <dir>/<name>.log}; does not wait for it.
     */
    static Process launch(Path dir, Path dataDir, int httpPort, int apiPort, String name) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path home = Files.createDirectories(dir.resolve("home"));
        ProcessBuilder pb = new ProcessBuilder(java, "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "up", "--data-dir", dataDir.toString(),
                "--http-port", String.valueOf(httpPort), "--api-port", String.valueOf(apiPort),
                "--https-port", "0", "--ssh-port", "0", "--tunnel-port", "0")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
        pb.environment().remove("FERRY_DATA_DIR");
        return pb.start();
    }

    String adminToken() throws IOException {
        return Files.readString(dataDir.resolve("admin-token")).strip();
    }

    Api api() throws IOException {
        return new Api(apiPort, httpPort, adminToken());
    }

    /** {@code kill -9}. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM, so that the platform stops its instances; then SIGKILL after 30 s. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    String log(String name) {
        try {
            Path f = dir.resolve(name + ".log");
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
