package dev.ferry.core.api;

/**
 * The answer of {@code POST /api/apps/{app}/ps/stop}.
 *
 * @param stopped how many instances were stopped
 */
public record ProcessesStopped(int stopped) {
}
