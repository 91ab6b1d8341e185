package dev.ferry.core.api;

/**
 * {@code POST /api/apps/{app}/drains}.
 *
 * @param url where to send the app's log lines (required)
 */
public record DrainRequest(String url) {
}
