package dev.ferry.core.store;

/** The app has no release with this version. */
public final class ReleaseNotFound extends StoreException {

    private final AppName app;
    private final int version;

    public ReleaseNotFound(AppName app, int version) {
        super("release_not_found", "The app " + app + " has no release v" + version + ".");
        this.app = app;
        this.version = version;
    }

    public AppName app() {
        return app;
    }

    public int version() {
        return version;
    }
}
