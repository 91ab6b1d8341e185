package dev.ferry.router.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's access log file: one line per request ({@link AccessLogEntry#toLine()}) to the SLF4J logger
 * {@code ferry.access} at INFO. It writes on the calling thread, so it is a sink of {@link QueuedAccessLog}, never
 * called from an event loop directly.
 */
public final class Slf4jAccessLog implements AccessLog {

    /** The logger name lines are written to. */
    public static final String LOGGER = "ferry.access";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    @Override
    public void log(AccessLogEntry entry) {
        log.info(entry.toLine());
    }
}
