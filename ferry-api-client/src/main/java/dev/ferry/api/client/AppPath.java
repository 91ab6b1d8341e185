package dev.ferry.api.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The path of an app's resource, {@code /api/apps/{app}} with the name URL-encoded, for the typed calls. */
final class AppPath {

    private AppPath() {
    }

    /** {@code /api/apps/{app}} followed by {@code rest} ({@code ""}, {@code "/config"}, ...). */
    static String of(String app, String rest) {
        return "/api/apps/" + segment(app) + rest;
    }

    /** One path segment, URL-encoded (a space as {@code %20}). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
