package dev.ferry.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Runs a picocli command line in-process, as a shell would run {@code ferry ARGS}, and captures its exit code,
 * stdout and stderr. The test builds the command line (the CLI's, with its environment), so this module needs
 * neither the CLI nor the platform.
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
}
