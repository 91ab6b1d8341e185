package dev.ferry.api.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/** The control API accepted the connection but did not answer within the call's timeout. */
public final class ApiTimedOut extends UncheckedIOException {

    private final Duration timeout;

    public ApiTimedOut(String baseUrl, Duration timeout, IOException cause) {
        super("the control API at " + baseUrl + " did not answer within " + timeout.toSeconds() + " s", cause);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
