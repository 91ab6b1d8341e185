/**
 * The log part of the control API: {@link dev.ferry.control.logs.LogsApi} serves an app's log stream (recent
 * lines and {@code tail=true} following) and its log drains.
 */
package dev.ferry.control.logs;
