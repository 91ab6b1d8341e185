/**
 * Waiting between tries: {@link dev.ferry.core.retry.Backoff}, the one backoff every reconnecting or restarting
 * part of Ferry uses.
 */
package dev.ferry.core.retry;
