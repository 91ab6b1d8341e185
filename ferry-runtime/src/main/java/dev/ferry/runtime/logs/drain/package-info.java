/**
 * Log drains: {@link dev.ferry.runtime.logs.drain.LogDrains} follows the apps that have drains and sends their
 * lines as RFC 5424 syslog over TCP or TLS, or as Heroku's HTTPS drain posts, each drain with its own bounded
 * queue and sender ({@link dev.ferry.runtime.logs.drain.DrainConfig} holds the limits), connecting only to
 * addresses {@link dev.ferry.runtime.logs.drain.DrainAddressPolicy} allows at that moment.
 */
package dev.ferry.runtime.logs.drain;
