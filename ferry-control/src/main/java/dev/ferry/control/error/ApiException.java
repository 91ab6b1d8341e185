package dev.ferry.control.error;

import java.util.Objects;

/**
 * The base of every refusal a control API handler throws: an HTTP status, a stable machine-readable
 * {@code code} and a sentence for people (the message). {@link ApiErrorMapper} turns it into
 * {@code {"error": message, "code": code}} at the edge; handlers never write error bodies themselves.
 */
public abstract class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    protected ApiException(int status, String code, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The HTTP status of the answer. */
    public int status() {
        return status;
    }

    /** The stable error code, e.g. {@code route_not_found}. */
    public String code() {
        return code;
    }
}
