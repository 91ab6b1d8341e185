package dev.ferry.control.builds;

import dev.ferry.control.error.ApiException;

/** 404 {@code build_not_found}: the app has no build with this id (or it is not a build id at all). */
public final class UnknownBuild extends ApiException {

    public UnknownBuild(String app, String id) {
        super(404, "build_not_found", "The app " + app + " has no build " + id + ".");
    }
}
