package dev.ferry.addons;

import dev.ferry.core.retry.Backoff;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server process Ferry runs for add-ons ({@code postgres}, {@code redis-server}): started and waited for until
 * {@code ready} answers, then watched by a daemon thread that starts it again with {@link Backoff#DEFAULT} when it
 * exits, until {@link #close()} stops it (SIGTERM, SIGKILL after 30 s). Output goes to a log file in its directory.
 */
final class SupervisedProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SupervisedProcess.class);

    private final String name;
    private final List<String> command;
    private final Path logFile;
    private final BooleanSupplier ready;
    private volatile boolean closing;
    private volatile Process process;

    SupervisedProcess(String name, List<String> command, Path logFile, BooleanSupplier ready) {
        this.name = name;
        this.command = List.copyOf(command);
        this.logFile = logFile;
        this.ready = ready;
    }

    /** Starts the process and waits up to 60 s for it to be ready; then supervises it. */
    void start() throws IOException {
        launch();
        Thread watcher = new Thread(this::watch, "ferry-addons-" + name);
        watcher.setDaemon(true);
        watcher.start();
    }

    /** The process id of the running server, for tests that kill it. */
    long pid() {
        return process.pid();
    }

    private void launch() throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        process = p;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException(name + " exited with " + p.exitValue() + "; see " + logFile);
            }
            if (ready.getAsBoolean()) {
                return;
            }
            sleep(Duration.ofMillis(100));
        }
        p.destroyForcibly();
        throw new IOException(name + " was not ready within 60 s; see " + logFile);
    }

    private void watch() {
        int failures = 0;
        while (!closing) {
            try {
                int code = process.waitFor();
                if (closing) {
                    return;
                }
                log.warn("{} exited with {}; starting it again", name, code);
                sleep(Backoff.DEFAULT.delay(failures++));
                launch();
                failures = 0;
                log.info("{} runs again", name);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                log.warn("{} did not start again: {}", name, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
