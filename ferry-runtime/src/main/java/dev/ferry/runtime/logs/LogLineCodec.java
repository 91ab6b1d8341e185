package dev.ferry.runtime.logs;

import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.AppName;
import java.time.Instant;
import java.util.Optional;

/**
 * One line of a segment file: {@code epochSecond.nanos TAB source TAB process TAB text}, with backslash, tab,
 * carriage return and line feed escaped so that one {@link LogLine} is always one line of the file.
 */
final class LogLineCodec {

    private LogLineCodec() {
    }

    static String encode(LogLine line) {
        return line.at().getEpochSecond() + "." + line.at().getNano() + "\t" + escape(line.source()) + "\t"
                + escape(line.process()) + "\t" + escape(line.text());
    }

    /** The line, or empty for a damaged one (a torn last write). */
    static Optional<LogLine> decode(AppName app, String encoded) {
        String[] parts = encoded.split("\t", 4);
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            int dot = parts[0].indexOf('.');
            Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0].substring(0, dot)),
                    Long.parseLong(parts[0].substring(dot + 1)));
            return Optional.of(new LogLine(at, app, unescape(parts[1]), unescape(parts[2]), unescape(parts[3])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(switch (n) {
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'n' -> '\n';
                    default -> n;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
