package dev.ferry.server.e2e;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.FerryCli;
import dev.ferry.testing.CommandRunner;
import java.nio.file.Path;
import java.util.Map;

/** The real {@code ferry} CLI run in-process against a running platform, with one user's token. */
final class Cli {

    private final CliEnvironment env;

    Cli(int apiPort, String token, Path home) {
        this.env = new CliEnvironment(Map.of("FERRY_API_URL", "http://127.0.0.1:" + apiPort, "FERRY_API_TOKEN", token),
                home, false, home);
    }

    CommandRunner.Result run(String... args) {
        return CommandRunner.run(FerryCli.commandLine(env), args);
    }
}
