package dev.ferry.cli.help;

import dev.ferry.cli.output.Escaping;
import dev.ferry.cli.output.EscapingPolicy;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.FerryCommand;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ferry help [TOPIC|COMMAND]}: alone, the grouped command list; with a topic ({@code ferry help config}),
 * each of its commands with its synopsis and description; with a command, that command's {@code --help}.
 */
@Command(name = "help", mixinStandardHelpOptions = true,
        description = {"Show help: all commands by topic, the commands of one topic, or one command.",
                "Examples: ferry help config, ferry help ps:scale"})
public final class HelpCommand implements Callable<Integer>, EscapingPolicy {

    /** Text the CLI writes itself, for people or programs: printed as it is. */
    @Override
    public Escaping escaping() {
        return Escaping.NONE;
    }


    @Spec
    CommandSpec spec;

    private final CliEnvironment env;

    public HelpCommand(CliEnvironment env) {
        this.env = env;
    }

    @Parameters(arity = "0..1", paramLabel = "TOPIC|COMMAND", description = "A topic (apps, config, ps, ...) or a command (ps:scale).")
    String subject;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        PrintWriter out = spec.commandLine().getOut();
        if (subject == null || subject.isBlank()) {
            root.usage(out);
            return 0;
        }
        CommandCatalog catalog = ((FerryCommand) root.getCommand()).catalog();
        Optional<CommandCatalog.Topic> topic = catalog.topic(subject);
        if (topic.isPresent()) {
            printTopic(topic.get(), root, out, HelpLayout.width(env));
        } else if (root.getSubcommands().containsKey(subject)) {
            root.getSubcommands().get(subject).usage(out);
        } else {
            List<String> known = new ArrayList<>(root.getSubcommands().keySet());
            catalog.topics().forEach(t -> known.add(t.name()));
            List<String> close = Suggestions.closest(subject, known.stream().distinct().toList());
            throw new CliFailure("no topic or command '" + subject + "'"
                    + (close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close) + "?")
                    + " ('ferry help' lists them)");
        }
        out.flush();
        return 0;
    }

    private static void printTopic(CommandCatalog.Topic topic, CommandLine root, PrintWriter out, int width) {
        out.println(topic.name() + " — " + topic.summary());
        for (CommandCatalog.Entry entry : topic.commands()) {
            CommandLine command = root.getSubcommands().get(entry.name());
            if (command == null) {
                continue;
            }
            CommandLine.Help help = command.getHelp();
            out.println();
            out.print(HelpText.wrap(help.synopsis(0), width));
            for (String line : command.getCommandSpec().usageMessage().description()) {
                out.println(HelpText.wrap("  " + line, width));
            }
        }
        out.println();
        out.println("Run 'ferry COMMAND --help' for a command's options.");
    }
}
