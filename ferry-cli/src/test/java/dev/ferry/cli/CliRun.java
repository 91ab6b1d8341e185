package dev.ferry.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/** Runs the CLI in-process with a given environment and captures its exit code, stdout and stderr. */
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
        CommandLine cli = FerryCli.commandLine(environment());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
