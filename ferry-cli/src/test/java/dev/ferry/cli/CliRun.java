package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.control.RunningControlServer;
import dev.ferry.testing.CommandRunner;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the CLI in-process with a given environment (by ferry-testing's {@link CommandRunner}). {@code run}, which
 * copies its process's real standard streams, runs in a child JVM with the same environment and no input.
 * {@link #ok} and {@link #fails} run a command and assert how it ended.
 */
final class CliRun {

    private final Map<String, String> env = new HashMap<>();
    private final Path home;
    private boolean terminal;
    private Path workingDir = Path.of(System.getProperty("user.dir"));

    CliRun(Path home) {
        this.home = home;
    }

    /** The CLI run in {@code home}, with {@code api}'s URL and admin token in its environment. */
    static CliRun asAdminOf(RunningControlServer api, Path home) {
        return new CliRun(home).in(home).env("FERRY_API_URL", api.baseUrl()).env("FERRY_API_TOKEN", api.adminToken);
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

    CommandRunner.Result run(String... args) {
        if (args.length > 0 && args[0].startsWith("run")) {
            Map<String, String> childEnv = new HashMap<>(env);
            childEnv.put("HOME", home.toString());
            return CommandRunner.inChild(FerryCli.class.getName(), childEnv, workingDir, "", args);
        }
        return CommandRunner.run(FerryCli.commandLine(environment()), args);
    }

    /** Runs the command and asserts that it exited 0 with nothing on stderr. */
    CommandRunner.Result ok(String... args) {
        CommandRunner.Result r = exitsZero(args);
        assertThat(r.err()).isEmpty();
        return r;
    }

    /** Runs the command and asserts that it exited 0. */
    CommandRunner.Result exitsZero(String... args) {
        CommandRunner.Result r = run(args);
        assertThat(r.exit()).as("%s: %s", String.join(" ", args), r.err()).isZero();
        return r;
    }

    /** Runs the command and asserts that it exited 1 with one line on stderr, {@code ferry: } and the error. */
    CommandRunner.Result fails(String expectedError, String... args) {
        CommandRunner.Result r = run(args);
        assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(1);
        assertThat(r.err()).startsWith("ferry: ").contains(expectedError);
        assertThat(r.err().lines()).hasSize(1);
        return r;
    }
}
