package dev.ferry.cli.output;

import dev.ferry.cli.CliEnvironment;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Puts a {@link TerminalWriter} in front of the standard output and error of the command about to run: output
 * escaped as the command's {@link EscapingPolicy} says ({@link Escaping#ALL} by default), errors always
 * escaped. Help and version output, which the CLI writes itself, is left as it is.
 */
public final class OutputEscaping {

    private OutputEscaping() {
    }

    public static void install(ParseResult parseResult, CliEnvironment env) {
        List<CommandLine> chain = parseResult.asCommandLineList();
        if (chain.stream().anyMatch(c -> c.isUsageHelpRequested() || c.isVersionHelpRequested())) {
            return;
        }
        // picocli makes a command line's writers on first use and hands them down to every subcommand; make the
        // root's now, so that they cannot replace the escaping writers later in this run
        chain.forEach(c -> {
            c.getOut();
            c.getErr();
        });
        CommandLine command = chain.getLast();
        Escaping escaping = command.getCommand() instanceof EscapingPolicy policy ? policy.escaping() : Escaping.ALL;
        if (escaping != Escaping.NONE) {
            command.setOut(TerminalWriter.over(command.getOut(), escaping, env.colour()));
        }
        command.setErr(TerminalWriter.over(command.getErr(), Escaping.ALL, env.colour()));
    }
}
