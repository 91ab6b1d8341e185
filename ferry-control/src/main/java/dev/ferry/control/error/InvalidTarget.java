package dev.ferry.control.error;

/** 422 {@code invalid_target}: the target URL is not {@code scheme://host:port} of the expected scheme. */
public final class InvalidTarget extends ApiException {

    public InvalidTarget(String message) {
        super(422, "invalid_target", message);
    }
}
