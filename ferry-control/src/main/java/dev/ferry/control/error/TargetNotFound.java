package dev.ferry.control.error;

/** 404 {@code target_not_found}: the route exists but has no such target in its pool. */
public final class TargetNotFound extends ApiException {

    public TargetNotFound(String message) {
        super(404, "target_not_found", message);
    }
}
