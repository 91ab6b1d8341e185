package dev.ferry.build.buildpack;

import dev.ferry.build.BuildFailed;
import dev.ferry.core.store.ProcessType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code Procfile}: process type to command, in the file's order. Each line is
 * {@code type: command}; blank lines and lines starting with {@code #} are skipped. A type follows the rule
 * releases apply ({@link ProcessType}: lowercase letters, digits, {@code _} and {@code -}, at most 63), checked
 * here so that a bad one fails the push before its branch moves; a line that is not of this shape, a type
 * outside the rule, an empty command or a type declared twice is a {@link BuildFailed} naming the line.
 */
public record Procfile(Map<String, String> processTypes) {

    /** The file name, at the root of the app. */
    public static final String FILE = "Procfile";

    private static final Pattern LINE = Pattern.compile("^([A-Za-z0-9_-]{1,63})[ \\t]*:[ \\t]*(.*)$");

    public Procfile {
        processTypes = Collections.unmodifiableMap(new LinkedHashMap<>(processTypes));
    }

    /** Reads {@code <dir>/Procfile}. */
    public static Procfile read(Path dir) throws BuildFailed, IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve(FILE));
        String text = new String(bytes, StandardCharsets.UTF_8);
        return parse(text);
    }

    /** Parses a Procfile's text. */
    public static Procfile parse(String text) throws BuildFailed {
        Map<String, String> types = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new BuildFailed("Procfile line " + lineNo + ": expected 'type: command', found '" + shorten(line) + "'");
            }
            String type = m.group(1);
            try {
                ProcessType.requireValid(type);
            } catch (IllegalArgumentException e) {
                throw new BuildFailed(FILE + " line " + lineNo + ": " + e.getMessage());
            }
            String command = m.group(2).strip();
            if (command.isEmpty()) {
                throw new BuildFailed("Procfile line " + lineNo + ": the process type '" + type + "' has no command");
            }
            if (types.putIfAbsent(type, command) != null) {
                throw new BuildFailed("Procfile line " + lineNo + ": the process type '" + type + "' is declared twice");
            }
        }
        return new Procfile(types);
    }

    private static String shorten(String line) {
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }
}
