package dev.ferry.store.sql.internal;

import dev.ferry.core.route.HostName;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppDomain;
import dev.ferry.core.store.AppLimits;
import dev.ferry.core.store.AppStore;
import dev.ferry.core.store.BuildId;
import dev.ferry.core.store.LimitExceeded;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.AppNameTaken;
import dev.ferry.core.store.Collaborator;
import dev.ferry.core.store.CollaboratorExists;
import dev.ferry.core.store.CollaboratorNotFound;
import dev.ferry.core.store.DestroyedApp;
import dev.ferry.core.store.DomainNotFound;
import dev.ferry.core.store.DomainTaken;
import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.OwnerNotRemovable;
import dev.ferry.core.store.StoreUnavailable;
import dev.ferry.core.store.User;
import dev.ferry.core.store.UserId;
import dev.ferry.core.store.UserNotFound;
import dev.ferry.store.sql.internal.AppRows.AppRow;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/** The store's use cases about apps, their collaborators and domains, each one transaction. */
public final class AppCommands implements AppStore {

    /** How many random names are tried before giving up (with 64 million names, one is plenty). */
    private static final int RANDOM_NAME_ATTEMPTS = 20;

    private final Database db;
    private final Clocked clock;
    private final AppLimits limits;
    private final ConfigCipher cipher;
    private final Runnable domainsChanged;
    private final SecureRandom random = new SecureRandom();

    /** @param cipher re-seals what is bound to an app's name when it is renamed */
    /**
     * @param domainsChanged run after each committed change of an app's custom domains: they decide which hosts a
     *                       certificate is served for, so the certificates' listeners are told
     */
    public AppCommands(Database db, Clocked clock, AppLimits limits, ConfigCipher cipher, Runnable domainsChanged) {
        this.db = db;
        this.clock = clock;
        this.limits = limits;
        this.cipher = cipher;
        this.domainsChanged = domainsChanged;
    }

    @Override
    public App createApp(UserId ownerId, AppName name) {
        AppName.checkNew(name.value());
        return db.write(tx -> insertApp(tx, UserRows.require(tx, ownerId), name));
    }

    @Override
    public App createAppWithRandomName(UserId ownerId) {
        return db.write(tx -> {
            User owner = UserRows.require(tx, ownerId);
            for (int i = 0; i < RANDOM_NAME_ATTEMPTS; i++) {
                AppName name = AppName.random(random);
                if (AppRows.find(tx, name).isEmpty()) {
                    return insertApp(tx, owner, name);
                }
            }
            throw new StoreUnavailable("No free random app name after " + RANDOM_NAME_ATTEMPTS + " tries", null);
        });
    }

    private App insertApp(Tx tx, User owner, AppName name) throws SQLException {
        if (AppRows.find(tx, name).isPresent()) {
            throw new AppNameTaken(name);
        }
        Instant now = clock.now();
        AppRow app = AppRows.insert(tx, name, owner.id(), now);
        EventRows.record(tx, Optional.of(owner), Optional.of(app), EventAction.APP_CREATE, "Create app " + name, now);
        return app.app();
    }

    @Override
    public Optional<App> app(AppName name) {
        return db.read(tx -> AppRows.find(tx, name).map(AppRow::app));
    }

    @Override
    public List<App> apps(UserId user) {
        return db.read(tx -> AppRows.accessibleBy(tx, user));
    }

    @Override
    public List<App> allApps() {
        return db.read(AppRows::all);
    }

    @Override
    public DestroyedApp destroyApp(AppName name, UserId by) {
        return db.write(tx -> {
            User actor = UserRows.require(tx, by);
            AppRow app = AppRows.require(tx, name);
            List<AppDomain> domains = DomainRows.ofApp(tx, app);
            Set<String> unusedSlugs = new HashSet<>(tx.list("SELECT DISTINCT r.slug_id FROM releases r"
                    + " WHERE r.app_id = ? AND r.slug_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM releases o"
                    + " WHERE o.slug_id = r.slug_id AND o.app_id <> r.app_id)", row -> row.getString(1), app.id()));
            List<BuildId> builds = tx.list("SELECT id FROM builds WHERE app_id = ? ORDER BY id",
                    row -> new BuildId(row.getLong(1)), app.id());
            AppRows.delete(tx, app);
            EventRows.record(tx, Optional.of(actor), Optional.of(app), EventAction.APP_DESTROY,
                    "Destroy app " + name, clock.now());
            return new DestroyedApp(app.app(), domains, unusedSlugs, builds);
        });
    }

    @Override
    public App renameApp(AppName name, AppName newName, UserId by) {
        AppName.checkNew(newName.value());
        return db.write(tx -> {
            User actor = UserRows.require(tx, by);
            AppRow app = AppRows.require(tx, name);
            if (AppRows.find(tx, newName).isPresent()) {
                throw new AppNameTaken(newName);
            }
            SealedValuesOfApp.rebind(tx, cipher, app, newName);
            AppRow renamed = AppRows.rename(tx, app, newName);
            EventRows.record(tx, Optional.of(actor), Optional.of(renamed), EventAction.APP_RENAME,
                    "Rename app " + name + " to " + newName, clock.now());
            return renamed.app();
        });
    }

    @Override
    public boolean canAccess(UserId user, AppName name) {
        return db.read(tx -> {
            Optional<AppRow> app = AppRows.find(tx, name);
            return app.isPresent()
                    && (app.get().app().owner().equals(user) || AppRows.isCollaborator(tx, app.get(), user));
        });
    }

    @Override
    public Collaborator addCollaborator(AppName name, String email, UserId by) {
        String normal = User.normalizeEmail(email);
        return db.write(tx -> {
            User actor = UserRows.require(tx, by);
            AppRow app = AppRows.require(tx, name);
            User user = UserRows.byEmail(tx, normal).orElseThrow(() -> new UserNotFound(normal));
            if (app.app().owner().equals(user.id()) || AppRows.isCollaborator(tx, app, user.id())) {
                throw new CollaboratorExists(name, normal);
            }
            Instant now = clock.now();
            AppRows.insertCollaborator(tx, app, user.id(), now);
            EventRows.record(tx, Optional.of(actor), Optional.of(app), EventAction.COLLABORATOR_ADD,
                    "Add collaborator " + normal, now);
            return new Collaborator(name, user, false, now);
        });
    }

    @Override
    public void removeCollaborator(AppName name, String email, UserId by) {
        String normal = User.normalizeEmail(email);
        db.write(tx -> {
            User actor = UserRows.require(tx, by);
            AppRow app = AppRows.require(tx, name);
            Optional<User> user = UserRows.byEmail(tx, normal);
            if (user.isPresent() && app.app().owner().equals(user.get().id())) {
                throw new OwnerNotRemovable(name, normal);
            }
            if (user.isEmpty() || !AppRows.deleteCollaborator(tx, app, user.get().id())) {
                throw new CollaboratorNotFound(name, normal);
            }
            EventRows.record(tx, Optional.of(actor), Optional.of(app), EventAction.COLLABORATOR_REMOVE,
                    "Remove collaborator " + normal, clock.now());
            return null;
        });
    }

    @Override
    public List<Collaborator> collaborators(AppName name) {
        return db.read(tx -> AppRows.collaborators(tx, AppRows.require(tx, name)));
    }

    @Override
    public AppDomain addDomain(AppName name, String hostname, UserId by) {
        String normal = HostName.normalizeDomain(hostname);
        return domainChange(() -> db.write(tx -> {
            User actor = UserRows.require(tx, by);
            AppRow app = AppRows.require(tx, name);
            if (DomainRows.find(tx, normal).isPresent()) {
                throw new DomainTaken(normal);
            }
            requireRoomForDomain(tx, app);
            Instant now = clock.now();
            AppDomain domain = new AppDomain(normal, name, now);
            DomainRows.insert(tx, app, domain);
            EventRows.record(tx, Optional.of(actor), Optional.of(app), EventAction.DOMAIN_ADD,
                    "Add domain " + normal, now);
            return domain;
        }));
    }

    @Override
    public AppDomain forceDomain(AppName name, String hostname, boolean routeExists, UserId by) {
        String normal = HostName.normalizeDomain(hostname);
        return domainChange(() -> db.write(tx -> {
            User actor = UserRows.require(tx, by);
            AppRow app = AppRows.require(tx, name);
            Optional<AppDomain> held = DomainRows.find(tx, normal);
            if (held.isPresent() && held.get().app().equals(name)) {
                throw new DomainTaken(normal);
            }
            requireRoomForDomain(tx, app);
            Instant now = clock.now();
            String heldBy;
            boolean ownsRoute;
            if (held.isPresent()) {
                AppRow other = AppRows.require(tx, held.get().app());
                DomainRows.delete(tx, normal);
                EventRows.record(tx, Optional.of(actor), Optional.of(other), EventAction.DOMAIN_REMOVE,
                        "Remove domain " + normal + " (forced to " + name + ")", now);
                heldBy = "the app " + held.get().app();
                ownsRoute = held.get().ownsRoute();
            } else {
                heldBy = routeExists ? "a route" : "nothing";
                ownsRoute = !routeExists;
            }
            AppDomain domain = new AppDomain(normal, name, now, ownsRoute);
            DomainRows.insert(tx, app, domain);
            EventRows.record(tx, Optional.of(actor), Optional.of(app), EventAction.DOMAIN_FORCE,
                    "Force domain " + normal + " (held by " + heldBy + ")", now);
            return domain;
        }));
    }

    /** Runs a committed change of custom domains, then tells {@link #domainsChanged}. */
    private AppDomain domainChange(java.util.function.Supplier<AppDomain> change) {
        AppDomain changed = change.get();
        domainsChanged.run();
        return changed;
    }

    private void requireRoomForDomain(Tx tx, AppRow app) throws SQLException {
        if (DomainRows.countOf(tx, app) >= limits.maxDomains()) {
            throw LimitExceeded.domains(app.app().name(), limits.maxDomains());
        }
    }

    @Override
    public AppDomain removeDomain(AppName name, String hostname, UserId by) {
        String normal = HostName.isValidDomain(hostname) ? HostName.normalizeDomain(hostname) : hostname;
        return domainChange(() -> db.write(tx -> {
            User actor = UserRows.require(tx, by);
            AppRow app = AppRows.require(tx, name);
            Optional<AppDomain> domain = DomainRows.find(tx, normal).filter(d -> d.app().equals(name));
            if (domain.isEmpty() || !DomainRows.delete(tx, app, normal)) {
                throw new DomainNotFound(name, normal);
            }
            EventRows.record(tx, Optional.of(actor), Optional.of(app), EventAction.DOMAIN_REMOVE,
                    "Remove domain " + normal, clock.now());
            return domain.get();
        }));
    }

    @Override
    public List<AppDomain> domains(AppName name) {
        return db.read(tx -> DomainRows.ofApp(tx, AppRows.require(tx, name)));
    }

    @Override
    public Optional<AppDomain> domain(String hostname) {
        if (!HostName.isValidDomain(hostname)) {
            return Optional.empty();
        }
        String normal = HostName.normalizeDomain(hostname);
        return db.read(tx -> DomainRows.find(tx, normal));
    }
}
