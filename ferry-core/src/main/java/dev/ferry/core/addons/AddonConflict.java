package dev.ferry.core.addons;

import dev.ferry.core.store.StoreException;

/**
 * A change that cannot be made in the add-ons' current state: the name is taken, the app already has an attachment
 * under that config var or of that add-on, or the owner's attachment would be detached.
 */
public final class AddonConflict extends StoreException {

    public AddonConflict(String message) {
        super("addon_conflict", message);
    }
}
