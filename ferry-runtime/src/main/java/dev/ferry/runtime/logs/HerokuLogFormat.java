package dev.ferry.runtime.logs;

import dev.ferry.core.log.LogLine;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Heroku's shape of a log line, as {@code ferry logs} prints it:
 * {@code 2026-11-24T14:00:00.123456+00:00 app[web.1]: text}, the time in UTC with microseconds.
 */
public final class HerokuLogFormat {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    private HerokuLogFormat() {
    }

    /** The line without a line break. */
    public static String format(LogLine line) {
        return timestamp(line.at()) + " " + line.source() + "[" + line.process() + "]: " + line.text();
    }

    /** The RFC 3339 time with microseconds and {@code +00:00}, as in Heroku's lines and RFC 5424. */
    public static String timestamp(Instant at) {
        return TIME.format(at);
    }
}
