package dev.ferry.core.api;

/**
 * {@code POST /api/apps/{app}/domains}.
 *
 * @param hostname the domain to route to the app (required)
 * @param force    an admin's take-over of a host that a route outside the apps holds (default false)
 */
public record DomainRequest(String hostname, Boolean force) {
}
