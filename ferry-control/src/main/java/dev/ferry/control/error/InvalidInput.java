package dev.ferry.control.error;

/** 400 {@code bad_request}: the body is not JSON, a field is missing, unknown or of the wrong type, or a query parameter is malformed. */
public final class InvalidInput extends ApiException {

    public InvalidInput(String message) {
        super(400, "bad_request", message);
    }
}
