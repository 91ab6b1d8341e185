/**
 * The access log: one {@link dev.ferry.router.log.AccessLogEntry} per request handed to an
 * {@link dev.ferry.router.log.AccessLog}; {@link dev.ferry.router.log.Slf4jAccessLog} writes them off the
 * event loop to the SLF4J logger {@code ferry.access}.
 */
package dev.ferry.router.log;
