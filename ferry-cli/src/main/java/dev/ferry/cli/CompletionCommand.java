package dev.ferry.cli;

import dev.ferry.cli.output.Escaping;
import dev.ferry.cli.output.EscapingPolicy;
import java.util.concurrent.Callable;
import dev.ferry.cli.help.CompletionScript;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry completion [--shell bash|zsh]}: prints the shell completion script of {@link CompletionScript}:
 * commands with their topic ({@code routes:<TAB>}), flags, and app names after {@code -a}.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a bash or zsh completion script for ferry: commands, topic:verb names, flags and app names.",
                "Enable it with: source <(ferry completion) in bash, source <(ferry completion --shell zsh) in zsh."})
public final class CompletionCommand implements Callable<Integer>, EscapingPolicy {

    /** Text the CLI writes itself, for people or programs: printed as it is. */
    @Override
    public Escaping escaping() {
        return Escaping.NONE;
    }


    @Spec
    CommandSpec spec;

    @Option(names = "--shell", paramLabel = "SHELL", defaultValue = "bash", description = "bash (default) or zsh.")
    String shell;

    @Override
    public Integer call() {
        String script = switch (shell) {
            case "bash" -> CompletionScript.bash(spec.root().commandLine());
            case "zsh" -> CompletionScript.zsh(spec.root().commandLine());
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--shell must be bash or zsh, not '" + shell + "'");
        };
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
