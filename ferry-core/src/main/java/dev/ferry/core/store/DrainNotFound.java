package dev.ferry.core.store;

/** The app has no drain with this URL or token. */
public final class DrainNotFound extends StoreException {

    public DrainNotFound(AppName app, String urlOrToken) {
        super("drain_not_found", "The app " + app + " has no drain " + urlOrToken + ".");
    }
}
