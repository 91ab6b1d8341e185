/**
 * The router's part of each app's log stream: {@link dev.ferry.server.logs.AppAccessLog} turns the router's
 * access-log entries into Heroku-style {@code router} lines, and {@link dev.ferry.server.logs.RouterLogLine}
 * writes one.
 */
package dev.ferry.server.logs;
