package dev.ferry.cli.help;

import dev.ferry.cli.CliEnvironment;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IHelpSectionRenderer;

/**
 * How {@code ferry}'s help reads: picocli lays each section out on one long line per item, then
 * {@link HelpText#wrap} breaks lines at spaces only (picocli's own wrapping breaks inside words, giving
 * {@code e. g.} and {@code HOST: PORT}); the root's command list is {@link GroupedCommandList}. The width is
 * {@code COLUMNS} on a terminal (60 to 160), else 80.
 */
public final class HelpLayout {

    /** Wide enough that picocli never wraps a line itself. */
    private static final int UNWRAPPED = 1_000;

    private HelpLayout() {
    }

    /** Lays out the help of {@code root} and of every command under it. */
    public static void install(CommandLine root, CliEnvironment env) {
        int width = width(env);
        Map<String, IHelpSectionRenderer> rootSections = new LinkedHashMap<>(root.getHelpSectionMap());
        IHelpSectionRenderer heading = rootSections.get(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING);
        rootSections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING,
                help -> help.commandSpec().parent() == null ? "" : heading.render(help));
        rootSections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new GroupedCommandList(width));
        root.setHelpSectionMap(rootSections);
        rewrap(root, width);
    }

    private static void rewrap(CommandLine cmd, int width) {
        cmd.setUsageHelpWidth(UNWRAPPED);
        Map<String, IHelpSectionRenderer> sections = new LinkedHashMap<>();
        cmd.getHelpSectionMap().forEach((key, renderer) -> {
            // the synopsis follows its heading ("Usage: ") on the same line
            int sectionWidth = key.equals(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS) ? width - "Usage: ".length() : width;
            sections.put(key, renderer instanceof GroupedCommandList ? renderer : help -> HelpText.wrap(renderer.render(help), sectionWidth));
        });
        cmd.setHelpSectionMap(sections);
        cmd.getSubcommands().values().forEach(sub -> rewrap(sub, width));
    }

    static int width(CliEnvironment env) {
        String columns = env.get("COLUMNS");
        if (env.terminal() && columns != null && columns.matches("\\d{2,3}")) {
            return Math.clamp(Integer.parseInt(columns), 60, 160);
        }
        return 80;
    }
}
