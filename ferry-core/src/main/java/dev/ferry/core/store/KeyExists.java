package dev.ferry.core.store;

/** The SSH key is registered already, by this user or another one; a key identifies one user. */
public final class KeyExists extends StoreException {

    private final String fingerprint;

    public KeyExists(String fingerprint) {
        super("key_exists", "The SSH key " + fingerprint + " is registered already (a key can belong to one user only).");
        this.fingerprint = fingerprint;
    }

    public String fingerprint() {
        return fingerprint;
    }
}
