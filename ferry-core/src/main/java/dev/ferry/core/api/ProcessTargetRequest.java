package dev.ferry.core.api;

/**
 * {@code POST /api/apps/{app}/ps/restart} and {@code POST /api/apps/{app}/ps/stop}: what to act on.
 *
 * @param target a process type ({@code web}) or one instance ({@code web.1}); {@code null} restarts every instance
 *               (stop requires it)
 */
public record ProcessTargetRequest(String target) {
}
