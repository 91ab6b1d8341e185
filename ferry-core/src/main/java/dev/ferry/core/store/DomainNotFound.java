package dev.ferry.core.store;

/** The app has no custom domain with this host name. */
public final class DomainNotFound extends StoreException {

    private final AppName app;
    private final String hostname;

    public DomainNotFound(AppName app, String hostname) {
        super("domain_not_found", "The app " + app + " has no domain " + hostname + ".");
        this.app = app;
        this.hostname = hostname;
    }

    public AppName app() {
        return app;
    }

    public String hostname() {
        return hostname;
    }
}
