package dev.ferry.build.buildpack;

import dev.ferry.build.BuildFailed;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one build command in the build's jail (its work directory, sandboxed when the platform sandboxes builds),
 * with stdout and stderr merged and sent to the build log line by line as they come, and kills it (with its
 * children) when the build's deadline passes.
 */
final class CommandRunner {

    private CommandRunner() {
    }

    /** Runs {@code command}; a non-zero exit or the deadline is a {@link BuildFailed}. */
    static void run(BuildContext context, List<String> command) throws BuildFailed, IOException, InterruptedException {
        run(context, command, Map.of());
    }

    /**
     * Runs {@code command} with {@code env} added to the build's environment (build caches, tool settings);
     * a non-zero exit or the deadline is a {@link BuildFailed}.
     */
    static void run(BuildContext context, List<String> command, Map<String, String> env)
            throws BuildFailed, IOException, InterruptedException {
        String shown = String.join(" ", command);
        Process process;
        try {
            process = context.jail().command(command, env)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            throw new BuildFailed("cannot run " + shown + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new BuildFailed("cannot run " + shown + ": " + e.getCause().getMessage(), e);
        }
        try {
            context.jail().started(process);
        } catch (IOException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new BuildFailed("cannot run " + shown + ": " + e.getMessage(), e);
        }
        process.getOutputStream().close();
        Thread pump = Thread.ofVirtual().name("build-output").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    context.log().detail(line);
                }
            } catch (IOException ignored) {
                // the process was killed; its output ends here
            }
        });
        Duration left = Duration.between(Instant.now(), context.deadline());
        boolean exited;
        try {
            exited = !left.isNegative() && process.waitFor(left.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // The build queue is stopping: leave no build process behind.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw e;
        }
        if (!exited) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            pump.join(Duration.ofSeconds(5));
            throw new BuildFailed(shown + " did not finish before the build's time limit");
        }
        pump.join(Duration.ofSeconds(10));
        if (process.exitValue() != 0) {
            throw new BuildFailed(shown + " failed with exit code " + process.exitValue());
        }
    }
}
