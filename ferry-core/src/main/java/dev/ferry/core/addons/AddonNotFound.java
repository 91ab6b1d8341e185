package dev.ferry.core.addons;

import dev.ferry.core.store.StoreException;

/** There is no add-on of this name (or it is not attached to the app named). */
public final class AddonNotFound extends StoreException {

    public AddonNotFound(String message) {
        super("addon_not_found", message);
    }
}
