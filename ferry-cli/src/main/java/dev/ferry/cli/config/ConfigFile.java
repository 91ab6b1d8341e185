package dev.ferry.cli.config;

import dev.ferry.cli.CliFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The file {@code config:edit} opens: a comment header, then one {@code KEY='value'} per var as
 * {@link ShellQuoting} writes it (a value may span lines inside its quotes). Read back, a line is {@code KEY='…'}
 * (shell single quotes, {@code '\''} for a quote) or {@code KEY=value} taken as typed to the end of the line;
 * blank lines and lines starting with {@code #} are skipped. Anything else is refused with its line number.
 */
final class ConfigFile {

    static final String HEADER = """
            # Config vars of %s. One KEY='value' per line; delete a line to remove the var.
            # Values in single quotes may span lines ('\\'' is a quote); KEY=value without quotes is read as typed.
            # Save and quit to apply every change as one release; quit without saving to change nothing.
            """;

    private ConfigFile() {
    }

    /** The file's text for {@code vars}. */
    static String write(String app, Map<String, String> vars) {
        StringBuilder text = new StringBuilder(HEADER.formatted(app));
        vars.forEach((k, v) -> text.append(k).append('=').append(ShellQuoting.quote(v)).append('\n'));
        return text.toString();
    }

    /** The vars in {@code text}, in file order; a {@link CliFailure} naming the first bad line. */
    static Map<String, String> read(String text) {
        Map<String, String> vars = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            int lineNumber = i + 1;
            int eq = line.indexOf('=');
            String key = eq <= 0 ? "" : line.substring(0, eq).strip();
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw bad(lineNumber, line, "is not KEY=VALUE");
            }
            String rest = line.substring(eq + 1);
            String value;
            if (rest.startsWith("'")) {
                StringBuilder quoted = new StringBuilder();
                int[] end = {i};
                value = unquote(rest, lines, end, quoted, lineNumber);
                i = end[0];
            } else {
                value = rest;
            }
            if (vars.put(key, value) != null) {
                throw bad(lineNumber, line, "sets " + key + " a second time");
            }
        }
        return vars;
    }

    /** Reads shell single-quoted segments from {@code rest} on, over further lines while a quote is open. */
    private static String unquote(String rest, List<String> lines, int[] lineIndex, StringBuilder out, int firstLine) {
        String text = rest;
        int pos = 0;
        while (true) {
            if (pos < text.length() && text.charAt(pos) == '\'') {
                int close = text.indexOf('\'', pos + 1);
                while (close < 0) {
                    if (lineIndex[0] + 1 >= lines.size()) {
                        throw bad(firstLine, lines.get(firstLine - 1), "opens a quote that is never closed");
                    }
                    lineIndex[0]++;
                    text = text + "\n" + lines.get(lineIndex[0]);
                    close = text.indexOf('\'', pos + 1);
                }
                out.append(text, pos + 1, close);
                pos = close + 1;
            } else if (text.startsWith("\\'", pos)) {
                out.append('\'');
                pos += 2;
            } else if (pos == text.length()) {
                return out.toString();
            } else {
                throw bad(lineIndex[0] + 1, lines.get(lineIndex[0]), "has text after its closing quote");
            }
        }
    }

    private static CliFailure bad(int lineNumber, String line, String why) {
        return new CliFailure("line " + lineNumber + " '" + line + "' " + why + "; nothing changed");
    }
}
