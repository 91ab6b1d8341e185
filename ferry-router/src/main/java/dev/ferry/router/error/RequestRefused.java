package dev.ferry.router.error;

import java.util.Objects;

/**
 * Why a request head that the HTTP decoder accepted is refused by one of the router's own checks
 * (smuggling defences, limits, {@code Host} rules, refused methods). Set as the request's failed
 * {@code DecoderResult}, so that the refusal takes the same path as a decoder failure: the
 * {@link ErrorPages} page of {@link #error()}, then the connection closes.
 */
public final class RequestRefused extends IllegalArgumentException {

    private final ProxyError error;

    public RequestRefused(ProxyError error, String reason) {
        super(reason);
        this.error = Objects.requireNonNull(error, "error");
    }

    /** The error page the client receives. */
    public ProxyError error() {
        return error;
    }
}
