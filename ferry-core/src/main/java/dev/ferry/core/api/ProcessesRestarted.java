package dev.ferry.core.api;

/**
 * The answer of {@code POST /api/apps/{app}/ps/restart}, once every replacement serves.
 *
 * @param restarted how many instances were restarted
 */
public record ProcessesRestarted(int restarted) {
}
