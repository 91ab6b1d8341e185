package dev.ferry.cli.help;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wraps help text at spaces, never inside a word. A line shaped {@code "  label   description"} continues under
 * its description, two columns in; a usage line continues under the command's first argument; other lines
 * continue at their own indentation.
 */
public final class HelpText {

    private static final Pattern LABELLED = Pattern.compile("^( +\\S.{0,38}?  +)\\S");
    private static final Pattern USAGE = Pattern.compile("^((?:Usage: )?ferry(?: [a-z][\\w:-]*)? )");
    private static final Pattern LEADING = Pattern.compile("^( *)");

    private HelpText() {
    }

    /** {@code text} with every line longer than {@code width} broken at spaces. */
    public static String wrap(String text, int width) {
        StringBuilder b = new StringBuilder(text.length() + 64);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            wrapLine(lines[i], width, b);
            if (i < lines.length - 1) {
                b.append('\n');
            }
        }
        return b.toString();
    }

    private static void wrapLine(String line, int width, StringBuilder b) {
        if (line.length() <= width || line.stripTrailing().length() <= width) {
            b.append(line);
            return;
        }
        line = line.stripTrailing();
        int indent = indent(line);
        if (indent >= width / 2) {
            indent = 4;
        }
        String rest = line;
        boolean first = true;
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            int floor = first ? indent : indent + 1;
            if (cut <= floor) {
                cut = rest.indexOf(' ', width);
                if (cut < 0) {
                    break;
                }
            }
            b.append(rest, 0, cut).append('\n');
            rest = " ".repeat(indent) + rest.substring(cut).stripLeading();
            first = false;
        }
        b.append(rest);
    }

    private static int indent(String line) {
        Matcher usage = USAGE.matcher(line);
        if (usage.find()) {
            return usage.end(1);
        }
        Matcher labelled = LABELLED.matcher(line);
        if (labelled.find()) {
            return labelled.end(1) + 2;
        }
        Matcher leading = LEADING.matcher(line);
        leading.find();
        return leading.end(1);
    }
}
