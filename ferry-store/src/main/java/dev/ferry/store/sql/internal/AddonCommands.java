package dev.ferry.store.sql.internal;

import dev.ferry.core.addons.Addon;
import dev.ferry.core.addons.AddonAttachment;
import dev.ferry.core.addons.AddonConflict;
import dev.ferry.core.addons.AddonKind;
import dev.ferry.core.addons.AddonNotFound;
import dev.ferry.core.addons.AddonStore;
import dev.ferry.core.addons.ProvisionedAddon;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.User;
import dev.ferry.core.store.UserId;
import dev.ferry.store.sql.internal.AddonRows.AddonRow;
import dev.ferry.store.sql.internal.AppRows.AppRow;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The store's use cases about add-ons, each one transaction. The URL with an add-on's credentials is sealed by the
 * {@link ConfigCipher} under the owner app and the name {@code addon.url.<name>} (config var names never hold a dot,
 * so no sealed var can be swapped in for it).
 */
public final class AddonCommands implements AddonStore {

    private static final String URL_PREFIX = "addon.url.";

    private final Database db;
    private final Clocked clock;
    private final ConfigCipher cipher;

    public AddonCommands(Database db, Clocked clock, ConfigCipher cipher) {
        this.db = db;
        this.clock = clock;
        this.cipher = cipher;
    }

    @Override
    public Addon createAddon(String name, AddonKind kind, String plan, AppName owner, ProvisionedAddon provisioned,
                             String configVar, UserId by) {
        Addon.requireValidName(name);
        byte[] sealed = cipher.seal(owner, URL_PREFIX + name, provisioned.url());
        return db.write(tx -> {
            User actor = UserRows.require(tx, by);
            AppRow app = AppRows.require(tx, owner);
            if (AddonRows.find(tx, name).isPresent()) {
                throw new AddonConflict("An add-on named " + name + " exists already; choose another with --as.");
            }
            requireFreeVar(tx, app, configVar);
            Addon addon = new Addon(name, kind, plan, owner, provisioned.resource(), clock.now(), List.of());
            long id = AddonRows.insert(tx, addon, app, sealed);
            AddonRows.attach(tx, id, app, configVar, clock.now());
            EventRows.record(tx, Optional.of(actor), Optional.of(app), EventAction.ADDON_CREATE,
                    "Create add-on " + name + " (" + kind.code() + ", " + plan + ") as " + configVar, clock.now());
            return AddonRows.find(tx, name).orElseThrow().addon();
        });
    }

    @Override
    public Optional<Addon> addon(String name) {
        return db.read(tx -> AddonRows.find(tx, name).map(AddonRow::addon));
    }

    @Override
    public List<Addon> addonsOf(AppName app) {
        return db.read(tx -> AddonRows.attachedTo(tx, AppRows.require(tx, app)));
    }

    @Override
    public String url(String name) {
        AddonRow row = db.read(tx -> require(tx, name));
        return cipher.open(row.addon().owner(), URL_PREFIX + name, row.urlSealed());
    }

    @Override
    public void updateUrl(String name, String url, UserId by) {
        db.write(tx -> {
            User actor = UserRows.require(tx, by);
            AddonRow row = require(tx, name);
            AppRow owner = AppRows.require(tx, row.addon().owner());
            AddonRows.updateUrl(tx, row.id(), cipher.seal(row.addon().owner(), URL_PREFIX + name, url));
            EventRows.record(tx, Optional.of(actor), Optional.of(owner), EventAction.ADDON_ROTATE,
                    "Rotate the credentials of add-on " + name, clock.now());
            return null;
        });
    }

    @Override
    public AddonAttachment attach(String name, AppName app, String configVar, UserId by) {
        return db.write(tx -> {
            User actor = UserRows.require(tx, by);
            AppRow target = AppRows.require(tx, app);
            AddonRow row = require(tx, name);
            if (row.addon().attachedTo(app)) {
                throw new AddonConflict("The add-on " + name + " is attached to " + app + " already.");
            }
            requireFreeVar(tx, target, configVar);
            AddonRows.attach(tx, row.id(), target, configVar, clock.now());
            EventRows.record(tx, Optional.of(actor), Optional.of(target), EventAction.ADDON_ATTACH,
                    "Attach add-on " + name + " as " + configVar, clock.now());
            return new AddonAttachment(app, configVar);
        });
    }

    @Override
    public AddonAttachment detach(String name, AppName app, UserId by) {
        return db.write(tx -> {
            User actor = UserRows.require(tx, by);
            AppRow target = AppRows.require(tx, app);
            AddonRow row = require(tx, name);
            AddonAttachment attachment = row.addon().attachments().stream().filter(a -> a.app().equals(app))
                    .findFirst().orElseThrow(() -> new AddonNotFound("The add-on " + name + " is not attached to "
                            + app + "."));
            if (row.addon().owner().equals(app)) {
                throw new AddonConflict("The add-on " + name + " belongs to " + app + "; destroy it with ferry"
                        + " addons:destroy " + name + " --confirm " + name + " instead.");
            }
            AddonRows.detach(tx, row.id(), target);
            EventRows.record(tx, Optional.of(actor), Optional.of(target), EventAction.ADDON_DETACH,
                    "Detach add-on " + name + " (" + attachment.configVar() + ")", clock.now());
            return attachment;
        });
    }

    @Override
    public void removeAddon(String name, UserId by) {
        db.write(tx -> {
            User actor = UserRows.require(tx, by);
            AddonRow row = require(tx, name);
            AppRow owner = AppRows.require(tx, row.addon().owner());
            AddonRows.delete(tx, row.id());
            EventRows.record(tx, Optional.of(actor), Optional.of(owner), EventAction.ADDON_DESTROY,
                    "Destroy add-on " + name, clock.now());
            return null;
        });
    }

    private static AddonRow require(Tx tx, String name) throws SQLException {
        return AddonRows.find(tx, name).orElseThrow(() -> new AddonNotFound("There is no add-on named " + name + "."));
    }

    private static void requireFreeVar(Tx tx, AppRow app, String configVar) throws SQLException {
        if (AddonRows.varTaken(tx, app, configVar)) {
            throw new AddonConflict("The app " + app.name() + " has an add-on attached as " + configVar
                    + " already; choose another name with --as.");
        }
    }
}
