package dev.ferry.tunnel.agent;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request and its response as the inspector keeps them: heads in full, bodies up to
 * {@link Inspector#MAX_BODY_BYTES} each ({@code truncated} when longer).
 */
public record InspectedExchange(long id, Instant startedAt, String method, String uri,
                                List<Map.Entry<String, String>> requestHeaders, byte[] requestBody, boolean requestTruncated,
                                int status, List<Map.Entry<String, String>> responseHeaders, byte[] responseBody,
                                boolean responseTruncated, long millis) {

    public InspectedExchange {
        requestHeaders = List.copyOf(requestHeaders);
        responseHeaders = List.copyOf(responseHeaders);
    }
}
