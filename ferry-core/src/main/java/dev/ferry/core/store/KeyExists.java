package dev.ferry.core.store;

/**
 * The SSH key is registered already; a key identifies one user. When another user registered it, the message
 * does not say who ({@code key_taken}); when the caller did, it says so ({@code key_exists}).
 */
public final class KeyExists extends StoreException {

    private final String fingerprint;

    private KeyExists(String code, String fingerprint, String message) {
        super(code, message);
        this.fingerprint = fingerprint;
    }

    /** The caller registered this key already. */
    public KeyExists(String fingerprint) {
        this("key_exists", fingerprint, "You have registered the SSH key " + fingerprint + " already.");
    }

    /** Another user registered this key; who is not said. */
    public static KeyExists byAnotherUser(String fingerprint) {
        return new KeyExists("key_taken", fingerprint, "The SSH key " + fingerprint + " is registered by another"
                + " user; a key can belong to one user only. If it is yours, ask an admin to remove it, or make a new key.");
    }

    public String fingerprint() {
        return fingerprint;
    }
}
