package dev.ferry.core.addons;

import dev.ferry.core.store.StoreException;

/** The add-on server could not be reached or refused a change; nothing was recorded. */
public final class AddonServerUnavailable extends StoreException {

    public AddonServerUnavailable(String message, Throwable cause) {
        super("addon_server_unavailable", message, cause);
    }
}
