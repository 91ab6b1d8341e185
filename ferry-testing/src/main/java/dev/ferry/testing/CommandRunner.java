package dev.ferry.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * Runs a command as a shell would run {@code ferry ARGS}, and captures its exit code, stdout and stderr: in-process
 * on a picocli command line the test builds (the CLI's, with its environment), or in a child JVM on this test's
 * class path ({@link #inChild}) for commands that use the process's real standard streams, such as
 * {@code ferry run}. This module needs neither the CLI nor the platform.
 */
public final class CommandRunner {

    /** What one run printed and returned. */
    public record Result(int exit, String out, String err) {
    }

    private CommandRunner() {
    }

    public static Result run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** The command that runs {@code mainClass} with {@code args} in a child JVM on this test's class path. */
    public static List<String> childCommand(String mainClass, String... args) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Runs {@code mainClass ARGS} in a child JVM in {@code workingDir}, with this process's environment less its
     * {@code FERRY_*} variables plus {@code env}, {@code stdin} as its standard input (closed after it), within 60 s.
     */
    public static Result inChild(String mainClass, Map<String, String> env, Path workingDir, String stdin,
                                 String... args) {
        ProcessBuilder pb = new ProcessBuilder(childCommand(mainClass, args)).directory(workingDir.toFile());
        pb.environment().keySet().removeIf(name -> name.startsWith("FERRY_"));
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            CompletableFuture<byte[]> out = readAll(p.getInputStream());
            CompletableFuture<byte[]> err = readAll(p.getErrorStream());
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the command does not read its input
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(mainClass + " " + String.join(" ", args) + " did not end within 60 s");
            }
            return new Result(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
                    new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<byte[]> readAll(InputStream in) {
        CompletableFuture<byte[]> all = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (in) {
                all.complete(in.readAllBytes());
            } catch (IOException e) {
                all.completeExceptionally(e);
            }
        });
        return all;
    }
}
