package dev.ferry.control.error;

/** 409 {@code target_exists}: that target URL is already in the route's pool. */
public final class TargetExists extends ApiException {

    public TargetExists(String message) {
        super(409, "target_exists", message);
    }
}
