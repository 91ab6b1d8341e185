package dev.ferry.router.error;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/**
 * Every failure the router answers by itself, with its HTTP status, the stable code sent in the
 * {@code Ferry-Error} header and a sentence for people. Rendered by {@link ErrorPages}.
 */
public enum ProxyError {
    NO_SUCH_APP(404, "no_such_app", "No app is served at this address."),
    NO_HEALTHY_INSTANCE(503, "no_healthy_instance", "The app has no healthy instance to serve this request."),
    /** A name published by a tunnel whose device is gone; sent with {@code Retry-After}. */
    APP_OFFLINE(503, "app_offline", "The device that serves this app is offline; try again shortly."),
    /** An app in maintenance mode ({@code ferry maintenance:on}); its instances keep running. */
    MAINTENANCE(503, "maintenance", "This app is down for maintenance; please check back soon."),
    BACKEND_REFUSED(502, "backend_refused", "The app refused the connection."),
    BACKEND_RESET(502, "backend_reset", "The app closed the connection before it answered."),
    BACKEND_TIMEOUT(504, "backend_timeout", "The app did not answer in time."),
    BAD_REQUEST(400, "bad_request", "The request is malformed."),
    REQUEST_TIMEOUT(408, "request_timeout", "The request headers did not arrive in time."),
    PAYLOAD_TOO_LARGE(413, "payload_too_large", "The request body is too large."),
    URI_TOO_LONG(414, "uri_too_long", "The request line is too long."),
    HEADERS_TOO_LARGE(431, "headers_too_large", "The request headers are too large."),
    METHOD_NOT_ALLOWED(405, "method_not_allowed", "The router does not serve this method."),
    TOO_MANY_CONNECTIONS(503, "too_many_connections", "Too many connections are open; try again later."),
    BACKEND_BAD_RESPONSE(502, "backend_bad_response", "The app sent a malformed response.");

    /** What {@code Retry-After} says with {@link #APP_OFFLINE}, in seconds: an agent reconnects within a few. */
    public static final int APP_OFFLINE_RETRY_AFTER_SECONDS = 5;

    /** What {@code Allow} says with {@link #METHOD_NOT_ALLOWED}: the usual methods; others are forwarded too. */
    public static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

    /**
     * The error for a request the HTTP decoder or one of the router's checks refused: the check's own
     * ({@link RequestRefused}), 414 for a long request line, 431 for large headers, else 400.
     */
    public static ProxyError forDecoderFailure(Throwable cause) {
        if (cause instanceof RequestRefused refused) {
            return refused.error();
        }
        if (cause instanceof TooLongHttpLineException) {
            return URI_TOO_LONG;
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return HEADERS_TOO_LARGE;
        }
        return BAD_REQUEST;
    }

    private final int status;
    private final String code;
    private final String sentence;

    ProxyError(int status, String code, String sentence) {
        this.status = status;
        this.code = code;
        this.sentence = sentence;
    }

    public int status() {
        return status;
    }

    /** The stable machine-readable code, e.g. {@code no_such_app}. */
    public String code() {
        return code;
    }

    public String sentence() {
        return sentence;
    }
}
