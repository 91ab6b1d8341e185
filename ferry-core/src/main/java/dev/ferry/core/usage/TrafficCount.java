package dev.ferry.core.usage;

import dev.ferry.core.store.AppName;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Router traffic of one app's process type on one UTC day, as a flush of the in-memory per-minute counts hands it
 * to {@link UsageStore#addTraffic}: the store adds it to what it holds.
 *
 * @param tunnelRequests requests of these that went through a tunnel endpoint (a device running {@code ferry tunnel})
 */
public record TrafficCount(AppName app, String processType, LocalDate day, long requests, long bytesIn,
                           long bytesOut, long tunnelRequests, long tunnelBytesIn, long tunnelBytesOut) {

    public TrafficCount {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(processType, "processType");
        Objects.requireNonNull(day, "day");
        if (requests < 0 || bytesIn < 0 || bytesOut < 0 || tunnelRequests < 0 || tunnelBytesIn < 0
                || tunnelBytesOut < 0) {
            throw new IllegalArgumentException("traffic counts cannot be negative");
        }
    }
}
