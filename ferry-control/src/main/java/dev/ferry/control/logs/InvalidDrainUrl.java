package dev.ferry.control.logs;

import dev.ferry.control.error.ApiException;

/** 422 {@code invalid_drain_url}: not {@code syslog://host:port}, {@code syslog+tls://host:port} or an HTTP(S) URL. */
final class InvalidDrainUrl extends ApiException {

    InvalidDrainUrl(String message) {
        super(422, "invalid_drain_url", message);
    }
}
