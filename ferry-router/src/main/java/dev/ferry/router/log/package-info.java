/**
 * The access log: one {@link dev.ferry.router.log.AccessLogEntry} per request handed to an
 * {@link dev.ferry.router.log.AccessLog}. The router's event loops call a {@link dev.ferry.router.log.QueuedAccessLog},
 * which only queues; its writer thread hands entries to the sinks, such as
 * {@link dev.ferry.router.log.Slf4jAccessLog} (the logger {@code ferry.access}).
 */
package dev.ferry.router.log;
