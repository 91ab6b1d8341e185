package dev.ferry.api.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The path of an app's resource, {@code /api/apps/{app}} with the name URL-encoded, for the typed calls. */
final class AppPath {

    private AppPath() {
    }

    /** {@code /api/apps/{app}} followed by {@code rest} ({@code ""}, {@code "/config"}, ...). */
    static String of(String app, String rest) {
        return "/api/apps/" + URLEncoder.encode(app, StandardCharsets.UTF_8).replace("+", "%20") + rest;
    }
}
