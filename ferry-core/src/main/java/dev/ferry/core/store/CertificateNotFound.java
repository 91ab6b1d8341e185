package dev.ferry.core.store;

/** The app has no certificate of this name. */
public final class CertificateNotFound extends StoreException {

    public CertificateNotFound(AppName app, String name) {
        super("certificate_not_found", "The app " + app + " has no certificate " + name + ".");
    }
}
