package dev.ferry.core.store;

/** The host name is already added to an app (this one or another); a domain belongs to one app. */
public final class DomainTaken extends StoreException {

    private final String hostname;

    public DomainTaken(String hostname) {
        super("domain_taken", "The domain " + hostname + " is already added to an app.");
        this.hostname = hostname;
    }

    public String hostname() {
        return hostname;
    }
}
