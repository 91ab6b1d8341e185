package dev.ferry.core.api;

/**
 * One usage record of {@code GET /api/usage}: what one app's process type used on one UTC day. Builds belong to
 * the app: their seconds are on the row whose {@code processType} is {@code -}. The components' order is the column
 * order of {@code ferry usage --csv}.
 *
 * @param day             the UTC day, {@code YYYY-MM-DD}
 * @param app             the app
 * @param processType     the process type, or {@code -} for the builds' row
 * @param instanceSeconds seconds instances of this type ran that day
 * @param requests        requests the router answered for this type, tunnel ones included
 * @param bytesIn         request bytes
 * @param bytesOut        response bytes
 * @param buildSeconds    seconds the app's builds ran that day
 * @param tunnelRequests  of {@code requests}, those answered by a tunnel endpoint
 * @param tunnelBytesIn   request bytes through tunnels
 * @param tunnelBytesOut  response bytes through tunnels
 */
public record UsageInfo(String day, String app, String processType, long instanceSeconds, long requests, long bytesIn,
                        long bytesOut, long buildSeconds, long tunnelRequests, long tunnelBytesIn,
                        long tunnelBytesOut) {
}
