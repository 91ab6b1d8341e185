package dev.ferry.cli.routes;

import dev.ferry.cli.CliFailure;
import dev.ferry.core.route.HostName;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The API paths of routes, with the domain checked before it goes into a path. */
final class RoutePaths {

    private RoutePaths() {
    }

    static String route(String domain) {
        return "/api/routes/" + URLEncoder.encode(checked(domain), StandardCharsets.UTF_8);
    }

    static String targetByUrl(String domain, String url) {
        return route(domain) + "/targets?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8);
    }

    static String checked(String domain) {
        try {
            return HostName.normalizeDomain(domain);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(e.getMessage());
        }
    }
}
