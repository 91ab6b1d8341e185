package dev.ferry.runtime.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short helper command ({@code tar}, {@code cp}, {@code chown}) and fails with its output when it fails. */
public final class ChildCommand {

    private ChildCommand() {
    }

    /** Runs {@code command}; returns its merged output, or throws with it when the exit code is not 0. */
    public static String run(List<String> command, Duration timeout) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out;
        try {
            out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(command.get(0) + " was interrupted", e);
        }
        String text = new String(out, StandardCharsets.UTF_8).strip();
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command.subList(0, Math.min(2, command.size())))
                    + " failed with exit code " + p.exitValue() + (text.isEmpty() ? "" : ": " + text));
        }
        return text;
    }

    /** True when {@code command} exits with 0 within {@code timeout}. */
    public static boolean succeeds(List<String> command, Duration timeout) {
        try {
            run(command, timeout);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
