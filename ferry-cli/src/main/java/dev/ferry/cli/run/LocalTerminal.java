package dev.ferry.cli.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The terminal {@code ferry run} was started from, driven with {@code stty} on the CLI's own standard input (no
 * native code): whether standard input and output are a terminal, its size, raw mode (every key, Ctrl-C included,
 * goes to the remote process, which echoes), and the settings it had, restored when {@code run} ends, also on
 * Ctrl-\ or SIGTERM through a shutdown hook.
 */
public final class LocalTerminal {

    private final AtomicReference<String> saved = new AtomicReference<>();
    private Thread restoreHook;

    /** True when both standard input and standard output of this process are a terminal. */
    public static boolean attached() {
        try {
            Process p = new ProcessBuilder("sh", "-c", "test -t 0 && test -t 1")
                    .redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The terminal's size as {@code {columns, rows}}; empty when {@code stty} cannot tell. */
    public Optional<int[]> size() {
        try {
            String[] rowsColumns = stty("size").strip().split("\\s+");
            int rows = Integer.parseInt(rowsColumns[0]);
            int columns = Integer.parseInt(rowsColumns[1]);
            return rows > 0 && columns > 0 ? Optional.of(new int[] {columns, rows}) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Saves the settings and enters raw mode without local echo. */
    public void enterRaw() throws IOException {
        saved.set(stty("-g").strip());
        restoreHook = new Thread(this::restore, "ferry-run-terminal");
        Runtime.getRuntime().addShutdownHook(restoreHook);
        stty("raw", "-echo");
    }

    /** Puts the saved settings back; does nothing when none were saved or they were restored already. */
    public void restore() {
        String settings = saved.getAndSet(null);
        if (settings == null) {
            return;
        }
        try {
            stty(settings);
        } catch (IOException e) {
            // the terminal is gone: nothing to restore
        }
        if (restoreHook != null && Thread.currentThread() != restoreHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(restoreHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already
            }
        }
    }

    private static String stty(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("stty"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("stty " + String.join(" ", args) + " failed");
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
