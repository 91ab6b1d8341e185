package dev.ferry.server.e2e;

import dev.ferry.server.Main;
import dev.ferry.testing.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@code ferry <role> …} in a child JVM on this test's class path, with {@code <dir>} as its home, its output in
 * {@code <dir>/<role>.log}, its environment this process's less {@code FERRY_DATA_DIR} plus the given variables, so
 * that a test can {@code kill -9} it. {@link ChildControl} and {@link ChildRouter} are its two roles.
 */
final class ChildRole implements AutoCloseable {

    private final String role;
    private final Path log;
    private final Process process;

    private ChildRole(Path dir, String role, Map<String, String> env, List<String> flags) throws IOException {
        this.role = role;
        Files.createDirectories(dir);
        this.log = dir.resolve(role + ".log");
        List<String> args = new ArrayList<>(List.of(role));
        args.addAll(flags);
        List<String> command = new ArrayList<>(CommandRunner.childCommand(Main.class.getName(), args.toArray(String[]::new)));
        command.add(1, "-Duser.home=" + dir);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("FERRY_DATA_DIR");
        pb.environment().putAll(env);
        this.process = pb.start();
    }

    /** Starts {@code ferry <role> FLAGS} and waits, at most {@code within}, until its output holds {@code readyLine}. */
    static ChildRole start(Path dir, String role, Map<String, String> env, List<String> flags, String readyLine,
                           Duration within) throws Exception {
        ChildRole child = new ChildRole(dir, role, env, flags);
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline && child.process.isAlive()) {
            if (child.log().contains(readyLine)) {
                return child;
            }
            Thread.sleep(100);
        }
        child.close();
        throw new AssertionError("ferry " + role + " did not start; log: " + child.log());
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
