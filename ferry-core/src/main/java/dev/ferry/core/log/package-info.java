/**
 * The log port: {@link dev.ferry.core.log.AppLogs} gathers each app's {@link dev.ferry.core.log.LogLine}s into
 * one stream for {@code ferry logs} and log drains.
 */
package dev.ferry.core.log;
