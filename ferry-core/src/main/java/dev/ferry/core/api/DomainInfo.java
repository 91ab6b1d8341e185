package dev.ferry.core.api;

/**
 * A custom domain of an app, in {@code GET /api/apps/{app}/domains} and as the answer of adding one.
 *
 * @param hostname  the domain, lower case
 * @param app       the app it routes to
 * @param createdAt ISO-8601 UTC
 */
public record DomainInfo(String hostname, String app, String createdAt) {
}
