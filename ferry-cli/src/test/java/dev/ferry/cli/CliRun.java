package dev.ferry.cli;

import dev.ferry.testing.CommandRunner;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the CLI in-process with a given environment (by ferry-testing's {@link CommandRunner}). {@code run}, which
 * copies its process's real standard streams, runs in a child JVM with the same environment and no input.
 */
final class CliRun {

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

    CommandRunner.Result run(String... args) {
        if (args.length > 0 && args[0].startsWith("run")) {
            Map<String, String> childEnv = new HashMap<>(env);
            childEnv.put("HOME", home.toString());
            return CommandRunner.inChild(FerryCli.class.getName(), childEnv, workingDir, "", args);
        }
        return CommandRunner.run(FerryCli.commandLine(environment()), args);
    }
}
