package dev.ferry.api.client;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The control API could not be reached: connection refused, unknown host, a connect timeout, a broken answer. */
public final class ApiUnreachable extends UncheckedIOException {

    private final String baseUrl;
    private final String reason;

    public ApiUnreachable(String baseUrl, String reason, IOException cause) {
        super("cannot reach the control API at " + baseUrl + " (" + reason + ")", cause);
        this.baseUrl = baseUrl;
        this.reason = reason;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** A few words: {@code connection refused}, {@code unknown host}, {@code connection timed out}, … */
    public String reason() {
        return reason;
    }
}
