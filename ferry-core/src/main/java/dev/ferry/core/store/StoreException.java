package dev.ferry.core.store;

/**
 * The base of the conditions a {@link Store} reports. Each subclass is named for its condition, carries a
 * sentence a person understands as its message, and a stable {@link #code()} that the API returns as
 * {@code "code"} next to the message.
 */
public abstract class StoreException extends RuntimeException {

    private final String code;

    protected StoreException(String code, String message) {
        super(message);
        this.code = code;
    }

    protected StoreException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** A stable snake_case code, as in {@code app_not_found}. */
    public String code() {
        return code;
    }
}
