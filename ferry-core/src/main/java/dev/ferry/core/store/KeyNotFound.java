package dev.ferry.core.store;

/** The user has no SSH key with this fingerprint or comment. */
public final class KeyNotFound extends StoreException {

    private final String key;

    public KeyNotFound(String key) {
        super("key_not_found", "You have no SSH key with the fingerprint or comment '" + key + "' (see ferry keys).");
        this.key = key;
    }

    /** The fingerprint or comment asked for. */
    public String key() {
        return key;
    }
}
