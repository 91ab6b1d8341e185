package dev.ferry.core.api;

/**
 * A log drain of an app, in {@code GET /api/apps/{app}/drains} and as the answer of adding one.
 *
 * @param id        the drain's id
 * @param url       where the app's log lines are sent ({@code syslog+tls://}, {@code https://}, ...)
 * @param token     the drain's token, sent with each line and usable to remove it
 * @param createdAt ISO-8601 UTC
 */
public record DrainInfo(String id, String url, String token, String createdAt) {
}
