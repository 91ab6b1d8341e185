package dev.ferry.router.log;

import java.time.Instant;
import java.util.Objects;

/**
 * One request as the access log sees it.
 *
 * @param time      when the request head arrived
 * @param host      the normalised request host, or {@code "-"}
 * @param method    the request method, or {@code "-"} when no request could be read
 * @param path      the request target as sent by the client, or {@code "-"}
 * @param status    the status sent to the client; 101 for upgrades, 499 when the client left first
 * @param bytesIn   request body bytes read from the client
 * @param bytesOut  response body bytes written to the client
 * @param totalMs   from the request head to the end of the response
 * @param backendMs from sending the request head to the backend until its response head, or -1
 * @param endpoint  {@code host:port} of the endpoint that answered, or {@code "-"}
 * @param requestId the {@code X-Request-Id} of the request, or {@code "-"}
 * @param tunnel    whether the endpoint that answered is a tunnel's (a device running {@code ferry tunnel})
 */
public record AccessLogEntry(Instant time, String host, String method, String path, int status, long bytesIn,
                             long bytesOut, long totalMs, long backendMs, String endpoint, String requestId,
                             boolean tunnel) {

    public AccessLogEntry {
        Objects.requireNonNull(time, "time");
        host = dashIfNull(host);
        method = dashIfNull(method);
        path = dashIfNull(path);
        endpoint = dashIfNull(endpoint);
        requestId = dashIfNull(requestId);
    }

    /** An entry of a request that no tunnel endpoint answered. */
    public AccessLogEntry(Instant time, String host, String method, String path, int status, long bytesIn,
                          long bytesOut, long totalMs, long backendMs, String endpoint, String requestId) {
        this(time, host, method, path, status, bytesIn, bytesOut, totalMs, backendMs, endpoint, requestId, false);
    }

    /** The single line {@link Slf4jAccessLog} writes. */
    public String toLine() {
        return time + " " + host + " \"" + method + " " + path + "\" " + status + " in=" + bytesIn + " out=" + bytesOut
                + " total_ms=" + totalMs + " backend_ms=" + backendMs + " endpoint=" + endpoint + " request_id=" + requestId;
    }

    private static String dashIfNull(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
