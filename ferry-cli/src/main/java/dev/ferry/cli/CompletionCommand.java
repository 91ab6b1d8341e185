package dev.ferry.cli;

import dev.ferry.cli.output.Escaping;
import dev.ferry.cli.output.EscapingPolicy;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ferry completion}: prints the bash (and zsh) completion script picocli generates for every command. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a bash/zsh completion script for ferry.",
                "Enable it with: source <(ferry completion)"})
public final class CompletionCommand implements Callable<Integer>, EscapingPolicy {

    /** Text the CLI writes itself, for people or programs: printed as it is. */
    @Override
    public Escaping escaping() {
        return Escaping.NONE;
    }


    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash("ferry", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
