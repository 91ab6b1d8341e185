package dev.ferry.server.e2e;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.FerryCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * The real {@code ferry} CLI run in-process against a running platform, with one user's token. {@code run}, which
 * copies its process's real standard streams, runs in a child JVM ({@link ChildCli}) with no input.
 */
final class Cli {

    record Result(int exit, String out, String err) {
    }

    private final CliEnvironment env;
    private final ChildCli child;

    Cli(int apiPort, String token, Path home) {
        this.child = new ChildCli(apiPort, token, home);
        this.env = new CliEnvironment(Map.of("FERRY_API_URL", "http://127.0.0.1:" + apiPort, "FERRY_API_TOKEN", token),
                home, false, home);
    }

    Result run(String... args) {
        if (args.length > 0 && args[0].startsWith("run")) {
            try {
                ChildCli.Result r = child.run("", args);
                return new Result(r.exit(), r.out(), r.err());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        CommandLine cli = FerryCli.commandLine(env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
