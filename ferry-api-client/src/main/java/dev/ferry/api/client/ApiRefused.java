package dev.ferry.api.client;

/**
 * The control API answered an error: its HTTP status, its stable {@code code} and its sentence (the message), from
 * the {@link dev.ferry.core.api.ApiError} body; {@code http_<status>} and a generic sentence when the body had none.
 */
public final class ApiRefused extends RuntimeException {

    private final int status;
    private final String code;

    public ApiRefused(int status, String code, String sentence) {
        super(sentence);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
