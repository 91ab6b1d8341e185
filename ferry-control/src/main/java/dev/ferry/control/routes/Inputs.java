package dev.ferry.control.routes;

import dev.ferry.control.error.InvalidDomain;
import dev.ferry.control.error.InvalidInput;
import dev.ferry.control.error.InvalidPort;
import dev.ferry.control.error.InvalidSetting;
import dev.ferry.control.error.InvalidTarget;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.HostName;

/** Validation of single request values, each refusal a named API error. */
final class Inputs {

    private Inputs() {
    }

    static String domain(String raw) {
        try {
            return HostName.normalizeDomain(raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidDomain(e.getMessage());
        }
    }

    static int weight(Integer raw) {
        if (raw == null) {
            return Endpoint.DEFAULT_WEIGHT;
        }
        if (raw < 1 || raw > Endpoint.MAX_WEIGHT) {
            throw new InvalidSetting("weight " + raw + " is outside 1-" + Endpoint.MAX_WEIGHT);
        }
        return raw;
    }

    static Endpoint target(String url, String scheme, int weight) {
        try {
            return Endpoint.parseUrl(url, scheme, weight);
        } catch (IllegalArgumentException e) {
            throw new InvalidTarget(e.getMessage());
        }
    }

    static int port(int raw) {
        if (raw < 1 || raw > 65535) {
            throw new InvalidPort("TCP route port " + raw + " is outside 1-65535");
        }
        return raw;
    }

    static int portParam(String raw) {
        try {
            return port(Integer.parseInt(raw));
        } catch (NumberFormatException e) {
            throw new InvalidInput("'" + raw + "' is not a port number");
        }
    }

    static String requiredQuery(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput("the query parameter '" + name + "' is required");
        }
        return value;
    }
}
