package dev.ferry.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the CLI in-process with a given environment and captures its exit code, stdout and stderr. {@code run}, which
 * copies its process's real standard streams, runs in a child JVM with the same environment and no input.
 */
final class CliRun {

    record Result(int exit, String out, String err) {
    }

    private final Map<String, String> env = new HashMap<>();
    private final Path home;
    private boolean terminal;
    private Path workingDir = Path.of(System.getProperty("user.dir"));

    CliRun(Path home) {
        this.home = home;
    }

    CliRun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    CliRun without(String name) {
        env.remove(name);
        return this;
    }

    CliRun terminal(boolean value) {
        terminal = value;
        return this;
    }

    /** Runs commands as if started in {@code dir}. */
    CliRun in(Path dir) {
        workingDir = dir;
        return this;
    }

    CliEnvironment environment() {
        return new CliEnvironment(env, home, terminal, workingDir);
    }

    Result run(String... args) {
        if (args.length > 0 && args[0].startsWith("run")) {
            return inChild(args);
        }
        CommandLine cli = FerryCli.commandLine(environment());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private Result inChild(String... args) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                FerryCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDir.toFile());
        pb.environment().keySet().removeIf(name -> name.startsWith("FERRY_"));
        pb.environment().putAll(env);
        pb.environment().put("HOME", home.toString());
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getErrorStream().readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("ferry " + String.join(" ", args) + " did not end within 60 s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
