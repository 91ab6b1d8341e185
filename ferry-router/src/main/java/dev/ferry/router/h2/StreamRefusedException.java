package dev.ferry.router.h2;

/**
 * An h2c backend refused a stream before processing it: the stream was above the last-stream-id of the backend's
 * GOAWAY, or the backend reset it with {@code REFUSED_STREAM} (RFC 9113 §8.7). The request was not served, so the
 * exchange may send it again, as it does after a pooled connection found closed; it says nothing against the endpoint's health.
 */
public final class StreamRefusedException extends Exception {

    public StreamRefusedException(String message) {
        super(message);
    }
}
