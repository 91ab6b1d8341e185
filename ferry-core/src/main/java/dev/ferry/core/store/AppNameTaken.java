package dev.ferry.core.store;

/** Another app already has the name asked for; app names are unique across users. */
public final class AppNameTaken extends StoreException {

    private final AppName app;

    public AppNameTaken(AppName app) {
        super("name_taken", "The name " + app + " is already taken by another app.");
        this.app = app;
    }

    public AppName app() {
        return app;
    }
}
