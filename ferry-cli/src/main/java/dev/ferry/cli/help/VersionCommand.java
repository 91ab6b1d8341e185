package dev.ferry.cli.help;

import dev.ferry.cli.output.Escaping;
import dev.ferry.cli.output.EscapingPolicy;
import dev.ferry.cli.VersionProvider;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ferry version}: the Ferry version, and the Java runtime and system it runs on. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version of ferry and the Java it runs on.")
public final class VersionCommand implements Callable<Integer>, EscapingPolicy {

    /** Text the CLI writes itself, for people or programs: printed as it is. */
    @Override
    public Escaping escaping() {
        return Escaping.NONE;
    }


    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("ferry " + VersionProvider.version() + " (Java " + Runtime.version().feature() + ", "
                + System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT) + "-" + System.getProperty("os.arch") + ")");
        out.flush();
        return 0;
    }
}
