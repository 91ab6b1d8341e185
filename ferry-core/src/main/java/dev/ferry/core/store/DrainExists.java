package dev.ferry.core.store;

/** The app already has a drain with this URL. */
public final class DrainExists extends StoreException {

    public DrainExists(AppName app, String url) {
        super("drain_exists", "The app " + app + " already has the drain " + url + ".");
    }
}
