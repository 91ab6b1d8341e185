package dev.ferry.core.api;

/**
 * {@code GET}/{@code PUT /api/apps/{app}/maintenance}: whether the router answers the app's hosts with the 503
 * maintenance page instead of passing requests to its instances (which keep running).
 *
 * @param app         the app (in the answer)
 * @param maintenance true while maintenance mode is on (default off)
 */
public record MaintenanceState(String app, Boolean maintenance) {
}
