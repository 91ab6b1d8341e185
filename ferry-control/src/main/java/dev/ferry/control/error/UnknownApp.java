package dev.ferry.control.error;

/** 404 {@code app_not_found} for a path naming no app, also when the name could never be an app's. */
public final class UnknownApp extends ApiException {

    public UnknownApp(String name) {
        super(404, "app_not_found", "Couldn't find an app named " + name + ".");
    }
}
