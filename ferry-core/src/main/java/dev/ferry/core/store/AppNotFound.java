package dev.ferry.core.store;

/** There is no app named {@code name}. */
public final class AppNotFound extends StoreException {

    private final AppName app;

    public AppNotFound(AppName app) {
        super("app_not_found", "Couldn't find an app named " + app + ".");
        this.app = app;
    }

    public AppName app() {
        return app;
    }
}
