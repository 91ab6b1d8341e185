package dev.ferry.runtime.local;

import dev.ferry.core.log.AppLogs;
import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.AppName;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes to the app log stream: platform events as source {@code ferry}, process {@code runtime}, and each
 * line an instance prints as source {@code app} with the instance's name. A failing log store never stops the
 * runtime.
 */
final class RuntimeEvents {

    private static final Logger log = LoggerFactory.getLogger(RuntimeEvents.class);

    private final AppLogs logs;

    RuntimeEvents(AppLogs logs) {
        this.logs = logs;
    }

    void event(AppName app, String text) {
        append(new LogLine(Instant.now(), app, LogLine.FERRY, "runtime", text));
    }

    /** A platform event about one process, such as its exit: source {@code ferry}, the process's name. */
    void processEvent(AppName app, String process, String text) {
        append(new LogLine(Instant.now(), app, LogLine.FERRY, process, text));
    }

    void output(AppName app, String process, String text) {
        append(new LogLine(Instant.now(), app, LogLine.APP, process, text));
    }

    /** Drops the app's kept log lines, once its instances are gone ({@code apps:destroy}). */
    void forget(AppName app) {
        try {
            logs.forget(app);
        } catch (RuntimeException e) {
            log.warn("could not drop the log of {}: {}", app, e.toString());
        }
    }

    private void append(LogLine line) {
        try {
            logs.append(line);
        } catch (RuntimeException e) {
            log.warn("could not append to the log of {}: {}", line.app(), e.toString());
        }
    }
}
