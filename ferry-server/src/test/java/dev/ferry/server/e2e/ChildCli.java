package dev.ferry.server.e2e;

import dev.ferry.core.runtime.ShellQuoting;
import dev.ferry.server.Main;
import dev.ferry.testing.CommandRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code ferry} CLI in a child JVM, with standard streams of its own: what {@code ferry run} needs, since
 * it copies its process's real standard input, output and error. {@link #run} uses pipes; {@link #onTerminal}
 * starts it under util-linux {@code script}, which gives it a PTY, as a person's terminal would.
 */
final class ChildCli {

    private final int apiPort;
    private final String token;
    private final Path home;

    ChildCli(int apiPort, String token, Path home) {
        this.apiPort = apiPort;
        this.token = token;
        this.home = home;
    }

    /** Runs {@code ferry ARGS} with {@code stdin} as its standard input (closed after it), within 60 s. */
    CommandRunner.Result run(String stdin, String... args) {
        try {
            java.nio.file.Files.createDirectories(home);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return CommandRunner.inChild(Main.class.getName(), Map.of("FERRY_API_URL", "http://127.0.0.1:" + apiPort,
                "FERRY_API_TOKEN", token, "HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve("config").toString()),
                home, stdin, args);
    }

    /**
     * {@code ferry ARGS} on a terminal of {@code columns} x {@code rows}; its output is the terminal's, and after it
     * a line {@code terminal after: <stty -a>}.
     */
    Terminal onTerminal(int columns, int rows, String... args) throws IOException {
        // after the CLI: the terminal's settings, to see that the CLI put them back; then the CLI's exit code
        String line = "stty cols " + columns + " rows " + rows + "; " + ShellQuoting.join(command(args))
                + "; rc=$?; echo; echo \"terminal after: $(stty -a | tr '\\n' ' ')\"; exit $rc";
        ProcessBuilder pb = builder(List.of("script", "--quiet", "--return", "--command", line, "/dev/null"))
                .redirectErrorStream(true);
        pb.environment().put("TERM", "xterm");
        pb.environment().put("SHELL", "/bin/sh");
        return new Terminal(pb.start());
    }

    private static List<String> command(String... args) {
        return CommandRunner.childCommand(Main.class.getName(), args);
    }

    private ProcessBuilder builder(List<String> command) throws IOException {
        java.nio.file.Files.createDirectories(home);
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
        pb.environment().put("FERRY_API_URL", "http://127.0.0.1:" + apiPort);
        pb.environment().put("FERRY_API_TOKEN", token);
        pb.environment().put("HOME", home.toString());
        pb.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
        return pb;
    }

    /** A CLI on a terminal: what it shows, keys typed into it, and its exit code. */
    static final class Terminal implements AutoCloseable {

        private final Process process;
        private final ByteArrayOutputStream shown = new ByteArrayOutputStream();

        Terminal(Process process) {
            this.process = process;
            Thread.ofVirtual().start(() -> {
                byte[] buf = new byte[4096];
                try (InputStream in = process.getInputStream()) {
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        synchronized (shown) {
                            shown.write(buf, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // the terminal closed
                }
            });
        }

        String shown() {
            synchronized (shown) {
                return shown.toString(StandardCharsets.UTF_8);
            }
        }

        void type(String keys) throws IOException {
            process.getOutputStream().write(keys.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        /** Gives the terminal a new size: the kernel tells the CLI with SIGWINCH. */
        void resize(int columns, int rows) throws IOException, InterruptedException {
            ProcessHandle cli = process.descendants().filter(p -> p.info().command().orElse("").endsWith("/java"))
                    .findFirst().orElseThrow(() -> new AssertionError("no CLI under the terminal"));
            Process stty = new ProcessBuilder("stty", "-F", "/proc/" + cli.pid() + "/fd/0", "cols", Integer.toString(columns),
                    "rows", Integer.toString(rows)).inheritIO().start();
            if (stty.waitFor() != 0) {
                throw new AssertionError("stty could not resize the terminal");
            }
        }

        int exit(Duration within) throws InterruptedException {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the CLI on the terminal did not exit; it showed: " + shown());
            }
            return process.exitValue();
        }

        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
