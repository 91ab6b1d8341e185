package dev.ferry.server.e2e;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.FerryCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** The real {@code ferry} CLI run in-process against a running platform, with one user's token. */
final class Cli {

    record Result(int exit, String out, String err) {
    }

    private final CliEnvironment env;

    Cli(int apiPort, String token, Path home) {
        this.env = new CliEnvironment(Map.of("FERRY_API_URL", "http://127.0.0.1:" + apiPort, "FERRY_API_TOKEN", token),
                home, false, home);
    }

    Result run(String... args) {
        CommandLine cli = FerryCli.commandLine(env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
