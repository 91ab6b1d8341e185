package dev.ferry.control.error;

/** 404 {@code route_not_found}: no HTTP or TCP route under that domain or port. */
public final class RouteNotFound extends ApiException {

    public RouteNotFound(String message) {
        super(404, "route_not_found", message);
    }
}
