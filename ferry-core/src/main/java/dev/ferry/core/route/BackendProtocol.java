package dev.ferry.core.route;

import java.util.Locale;

/**
 * How the router speaks to a route's backends ({@link RoutePolicy#protocol()}): HTTP/1.1, the default, or h2c
 * (HTTP/2 over cleartext with prior knowledge), which gRPC apps need for trailers and streams both ways.
 */
public enum BackendProtocol {
    HTTP1("http1"),
    H2C("h2c");

    private final String wireName;

    BackendProtocol(String wireName) {
        this.wireName = wireName;
    }

    /** The name the API, the CLI and the route codec use: {@code http1} or {@code h2c}. */
    public String wireName() {
        return wireName;
    }

    /** The protocol named {@code value} (case-insensitive); throws with the known names otherwise. */
    public static BackendProtocol parse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        for (BackendProtocol p : values()) {
            if (p.wireName.equals(v)) {
                return p;
            }
        }
        throw new IllegalArgumentException("protocol '" + value + "' is not one of http1, h2c");
    }
}
