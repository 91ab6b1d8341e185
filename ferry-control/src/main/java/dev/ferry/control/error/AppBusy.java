package dev.ferry.control.error;

/**
 * 409 {@code app_busy}: the app cannot be renamed now because a build of it is queued or running (its release would
 * be recorded under the old name); the caller tries again once the build is done.
 */
public final class AppBusy extends ApiException {

    public AppBusy(String message) {
        super(409, "app_busy", message);
    }
}
