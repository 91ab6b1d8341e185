package dev.ferry.control.error;

/**
 * 503 {@code leftovers_not_removed}: an earlier app of this name left data that could not be deleted, so the new
 * app was not created (it would have inherited it). The server log says what failed.
 */
public final class LeftoversNotRemoved extends ApiException {

    public LeftoversNotRemoved(String name) {
        super(503, "leftovers_not_removed", "The app " + name + " was not created: data left by an earlier app of"
                + " this name could not be deleted; see the server log, or try another name.");
    }
}
