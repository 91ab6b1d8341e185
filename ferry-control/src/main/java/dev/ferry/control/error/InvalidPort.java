package dev.ferry.control.error;

/** 422 {@code invalid_port}: a TCP route port outside 1-65535. */
public final class InvalidPort extends ApiException {

    public InvalidPort(String message) {
        super(422, "invalid_port", message);
    }
}
