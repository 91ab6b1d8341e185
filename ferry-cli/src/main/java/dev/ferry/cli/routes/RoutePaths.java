package dev.ferry.cli.routes;

import dev.ferry.cli.CliFailure;
import dev.ferry.core.route.HostName;

/** A route's domain, checked (and lower-cased) before it goes into a request. */
final class RoutePaths {

    private RoutePaths() {
    }

    static String checked(String domain) {
        try {
            return HostName.normalizeDomain(domain);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(e.getMessage());
        }
    }
}
