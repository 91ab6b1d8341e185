package dev.ferry.core.api;

/**
 * The answer (202) of {@code POST /api/apps/{app}/run/detached}: the one-off process started, whose output goes to
 * the app's logs.
 *
 * @param name    the process's name, {@code run.N}
 * @param release the release it runs
 */
public record OneOffStarted(String name, Integer release) {
}
