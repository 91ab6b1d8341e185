package dev.ferry.control.addons;

import dev.ferry.core.addons.Addon;
import dev.ferry.core.addons.AddonStore;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppDataCleanup;
import dev.ferry.core.store.DestroyedApp;
import dev.ferry.core.store.UserId;
import java.util.Objects;

/**
 * The add-ons' part of {@code apps:destroy}: before the store forgets the app, each add-on it owns is destroyed as
 * {@code addons:destroy} would (its URL leaves every other attached app in a new release, its database and roles or
 * its Redis user are dropped, its backups deleted). A server that refuses stops the app's destroy, which can be run
 * again. Add-ons the app only had attached keep running for their owner: the attachment and the config var go with
 * the app's records.
 */
public final class AddonAppCleanup implements AppDataCleanup {

    private final AddonStore addons;
    private final AddonLifecycle lifecycle;

    public AddonAppCleanup(AddonStore addons, AddonLifecycle lifecycle) {
        this.addons = Objects.requireNonNull(addons, "addons");
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    }

    @Override
    public void prepareRemovalOf(App app, UserId by) {
        for (Addon addon : addons.addonsOf(app.name())) {
            if (addon.owner().equals(app.name())) {
                lifecycle.destroyWithApp(addon, by);
            }
        }
    }

    @Override
    public void removeDataOf(DestroyedApp destroyed) {
        // the store's records of the app's add-ons went with it; their resources went in prepareRemovalOf
    }
}
