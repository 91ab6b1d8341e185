package dev.ferry.control.error;

/** 401 {@code unauthorized}: no bearer token, or one that is not valid; the answer carries {@code WWW-Authenticate: Bearer}. */
public final class Unauthorized extends ApiException {

    public Unauthorized(String message) {
        super(401, "unauthorized", message);
    }
}
