package dev.ferry.control.ps;

import dev.ferry.control.error.ApiException;

/** 409 {@code no_release}: the app has no release with a slug yet, so there is nothing to run. */
public final class NothingToRun extends ApiException {

    public NothingToRun(String app) {
        super(409, "no_release", "The app " + app + " has no release to run yet: deploy it with git push first.");
    }
}
