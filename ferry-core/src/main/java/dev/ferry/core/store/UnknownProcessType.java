package dev.ferry.core.store;

/** A scale names a process type that the app's latest release does not declare. */
public final class UnknownProcessType extends StoreException {

    private final AppName app;
    private final String type;

    public UnknownProcessType(AppName app, String type) {
        super("unknown_process_type", "The app " + app + " has no process type " + type + " in its Procfile.");
        this.app = app;
        this.type = type;
    }

    public AppName app() {
        return app;
    }

    public String type() {
        return type;
    }
}
