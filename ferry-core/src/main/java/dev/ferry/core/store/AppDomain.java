package dev.ferry.core.store;

import dev.ferry.core.route.HostName;
import java.time.Instant;
import java.util.Objects;

/**
 * A custom host name of an app ({@code domains:add www.example.com}), unique across all apps. The app's
 * default name under the platform domain is not stored as one.
 *
 * @param hostname  normalised by {@link HostName#normalizeDomain}; may be a wildcard ({@code *.example.com})
 * @param ownsRoute true when adding the domain created its route, which removing it then removes too; false when
 *                  an admin forced it over a route made otherwise (with {@code routes:add}), which stays
 */
public record AppDomain(String hostname, AppName app, Instant createdAt, boolean ownsRoute) {

    /** A domain whose route the app created. */
    public AppDomain(String hostname, AppName app, Instant createdAt) {
        this(hostname, app, createdAt, true);
    }

    public AppDomain {
        Objects.requireNonNull(hostname, "hostname");
        if (!hostname.equals(HostName.normalizeDomain(hostname))) {
            throw new IllegalArgumentException("host name '" + hostname + "' is not in its normal form");
        }
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
