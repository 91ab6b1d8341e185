package dev.ferry.core.usage;

import dev.ferry.core.store.AppName;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What one app's process type used on one UTC day ({@code ferry usage}, {@code GET /api/usage}). Builds belong to
 * the app, not to a process type: their seconds are on the row whose type is {@link #BUILDS}. Ferry has no instance
 * sizes yet, so there is no size column: every instance counts the same.
 *
 * @param instanceSeconds seconds instances of this type ran that day (lifetimes split at midnight UTC)
 * @param requests        requests the router answered for this type (always {@code web}), including tunnel ones
 * @param tunnelRequests  of {@code requests}, those answered by a tunnel endpoint
 */
public record UsageRecord(AppName app, String processType, LocalDate day, long instanceSeconds, long requests,
                          long bytesIn, long bytesOut, long buildSeconds, long tunnelRequests, long tunnelBytesIn,
                          long tunnelBytesOut) {

    /** The process type of the row that carries an app's build seconds. */
    public static final String BUILDS = "-";

    public UsageRecord {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(processType, "processType");
        Objects.requireNonNull(day, "day");
    }
}
