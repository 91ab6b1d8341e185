package dev.ferry.control.logs;

import dev.ferry.core.log.LogLine;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A log line as the API sends it, in Heroku's shape: {@code 2026-11-24T14:00:00.123456+00:00 app[web.1]: text}
 * (the same shape as the runtime's {@code HerokuLogFormat}, which this module cannot depend on).
 */
final class LogText {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    private LogText() {
    }

    /** The line with its line break; a line break inside the text becomes a space, so one line stays one. */
    static String of(LogLine line) {
        return TIME.format(line.at()) + " " + line.source() + "[" + line.process() + "]: "
                + line.text().replace('\n', ' ').replace('\r', ' ') + "\n";
    }
}
