package dev.ferry.core.store;

/** The release asked for cannot be rolled back to: it failed or is still pending, or there is no earlier release. */
public final class CannotRollBack extends StoreException {

    private final AppName app;
    private final String reason;

    public CannotRollBack(AppName app, String reason) {
        super("cannot_roll_back", "Cannot roll back " + app + ": " + reason);
        this.app = app;
        this.reason = reason;
    }

    public AppName app() {
        return app;
    }

    public String reason() {
        return reason;
    }
}
