package dev.ferry.core.api;

/**
 * An app as {@code GET /api/apps} lists it and {@code POST /api/apps} answers it.
 *
 * @param name      the app's name
 * @param owner     the owner's e-mail address
 * @param webUrl    {@code http://<app>.<domain>} (with the router's port when it is not 80)
 * @param createdAt ISO-8601 UTC
 */
public record AppSummary(String name, String owner, String webUrl, String createdAt) {
}
