package dev.ferry.core.store;

/**
 * The store could not do what was asked for a reason that is not the caller's: the database file cannot be
 * read or written, is locked for too long, or a stored value cannot be decrypted with the key. Nothing was
 * changed.
 */
public final class StoreUnavailable extends StoreException {

    public StoreUnavailable(String message, Throwable cause) {
        super("store_unavailable", message, cause);
    }
}
