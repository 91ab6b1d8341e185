package dev.ferry.control.error;

/** 403 {@code forbidden}: the token is valid but its user may not do this (another user's app, an admin-only call). */
public final class Forbidden extends ApiException {

    public Forbidden(String message) {
        super(403, "forbidden", message);
    }
}
