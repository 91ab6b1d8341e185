package dev.ferry.control.ps;

import dev.ferry.control.error.ApiException;

/** 404 {@code process_not_found}: no instance of the app has this name or process type. */
public final class ProcessNotFound extends ApiException {

    public ProcessNotFound(String app, String target) {
        super(404, "process_not_found", "The app " + app + " runs no process " + target + " (see ferry ps).");
    }
}
