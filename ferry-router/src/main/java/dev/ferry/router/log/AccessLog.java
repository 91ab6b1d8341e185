package dev.ferry.router.log;

/**
 * Receives one entry per proxied or refused request. The router calls it on an event loop, so the one it is
 * given must return at once and never block: {@link QueuedAccessLog}, which the platform passes, only queues and
 * calls its sinks (other {@code AccessLog}s) on a thread of its own. {@link #NONE} discards.
 */
@FunctionalInterface
public interface AccessLog {

    /** Discards every entry. */
    AccessLog NONE = entry -> {
    };

    void log(AccessLogEntry entry);
}
