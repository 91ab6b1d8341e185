package dev.ferry.core.store;

/** The status of a release that has succeeded or failed cannot change again. */
public final class ReleaseAlreadyFinal extends StoreException {

    private final AppName app;
    private final int version;
    private final ReleaseStatus status;

    public ReleaseAlreadyFinal(AppName app, int version, ReleaseStatus status) {
        super("release_final", "Release v" + version + " of " + app + " is already " + status.name().toLowerCase(java.util.Locale.ROOT) + ".");
        this.app = app;
        this.version = version;
        this.status = status;
    }

    public AppName app() {
        return app;
    }

    public int version() {
        return version;
    }

    public ReleaseStatus status() {
        return status;
    }
}
