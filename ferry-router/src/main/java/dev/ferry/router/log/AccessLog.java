package dev.ferry.router.log;

/**
 * Receives one entry per proxied or refused request. Called on an event loop: an implementation must
 * return at once and never block. {@link Slf4jAccessLog} is the default; {@link #NONE} discards.
 */
@FunctionalInterface
public interface AccessLog {

    /** Discards every entry. */
    AccessLog NONE = entry -> {
    };

    void log(AccessLogEntry entry);
}
