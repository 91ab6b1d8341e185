package dev.ferry.server.e2e;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.FerryCli;
import dev.ferry.testing.CommandRunner;
import java.nio.file.Path;
import java.util.Map;

/**
 * The real {@code ferry} CLI run in-process against a running platform, with one user's token. {@code run}, which
 * copies its process's real standard streams, runs in a child JVM ({@link ChildCli}) with no input.
 */
final class Cli {

    private final CliEnvironment env;
    private final ChildCli child;

    Cli(int apiPort, String token, Path home) {
        this(apiPort, token, home, home);
    }

    /** A CLI run in {@code workingDir}, e.g. an app's git repository. */
    Cli(int apiPort, String token, Path home, Path workingDir) {
        this.child = new ChildCli(apiPort, token, home);
        this.env = new CliEnvironment(Map.of("FERRY_API_URL", "http://127.0.0.1:" + apiPort, "FERRY_API_TOKEN", token),
                home, false, workingDir);
    }

    CommandRunner.Result run(String... args) {
        if (args.length > 0 && args[0].startsWith("run")) {
            return child.run("", args);
        }
        return CommandRunner.run(FerryCli.commandLine(env), args);
    }
}
