package dev.ferry.cli.help;

import dev.ferry.cli.FerryCommand;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;

/**
 * The command list of {@code ferry --help}: one block per topic of the {@link CommandCatalog}, a heading with
 * the topic's summary, then each command with the first line of its description.
 */
final class GroupedCommandList implements IHelpSectionRenderer {

    private final int width;

    GroupedCommandList(int width) {
        this.width = width;
    }

    @Override
    public String render(Help help) {
        CommandLine root = help.commandSpec().commandLine();
        if (root.getParent() != null || !(root.getCommand() instanceof FerryCommand)) {
            // picocli hands the root's sections down to every command; only the root lists commands
            return "";
        }
        CommandCatalog catalog = ((FerryCommand) root.getCommand()).catalog();
        Map<String, CommandLine> commands = root.getSubcommands();
        int nameWidth = catalog.entries().stream().mapToInt(e -> e.name().length()).max().orElse(10) + 2;
        StringBuilder b = new StringBuilder();
        for (CommandCatalog.Topic topic : catalog.topics()) {
            List<CommandCatalog.Entry> present = topic.commands().stream().filter(e -> commands.containsKey(e.name())).toList();
            if (present.isEmpty()) {
                continue;
            }
            b.append('\n').append(topic.name().toUpperCase(java.util.Locale.ROOT)).append(" — ").append(topic.summary()).append('\n');
            for (CommandCatalog.Entry entry : present) {
                String line = "  " + entry.name() + " ".repeat(nameWidth - entry.name().length())
                        + summary(commands.get(entry.name()));
                b.append(HelpText.wrap(line, width)).append('\n');
            }
        }
        return b.toString();
    }

    /** The first line of a command's description. */
    static String summary(CommandLine command) {
        String[] description = command.getCommandSpec().usageMessage().description();
        return description.length == 0 ? "" : description[0];
    }
}
