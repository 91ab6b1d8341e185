package dev.ferry.core.store;

import java.util.List;
import java.util.Optional;

/**
 * The store's apps with who may use them and the names they answer at: apps, their owner and collaborators,
 * and their custom domains. Per-app {@link AppLimits#maxDomains} is checked in the transaction of
 * {@link #addDomain} and {@link #forceDomain}. Whether a user may act on an app is decided by the caller, with
 * {@link #canAccess}; no method here checks it.
 *
 * <p>Each method is one use case and one transaction, and each change records its {@link Event}, as
 * {@link Store} describes for every port of the store. Safe for use by many threads.
 */
public interface AppStore {

    /**
     * Creates an app owned by {@code owner}.
     *
     * @throws AppNameTaken when another app has the name
     * @throws UserNotFound when the owner does not exist
     * @throws IllegalArgumentException when the name does not pass {@link AppName#checkNew}
     */
    App createApp(UserId owner, AppName name);

    /** Creates an app with a free readable random name ({@link AppName#random}); see {@link #createApp}. */
    App createAppWithRandomName(UserId owner);

    /** The app with this name. */
    Optional<App> app(AppName name);

    /** The apps {@code user} owns or collaborates on, by name. */
    List<App> apps(UserId user);

    /** Every app, by name. */
    List<App> allApps();

    /**
     * Removes an app with its collaborators, config vars, releases, formation, domains, builds and drains. Its
     * events stay.
     *
     * @return what was removed, so that the caller can remove the matching routes and files
     * @throws AppNotFound when there is no such app
     */
    DestroyedApp destroyApp(AppName app, UserId by);

    /**
     * Renames an app ({@code apps:rename}): it keeps its id and with it its releases, config vars, formation,
     * domains, collaborators, builds, drains, certificates and events; what was sealed bound to the old name is
     * sealed again under the new one in the same transaction. Records an {@link EventAction#APP_RENAME} event.
     *
     * @return the app under its new name
     * @throws AppNotFound when there is no such app
     * @throws AppNameTaken when another app (or this one) has the new name
     * @throws UserNotFound when {@code by} does not exist
     * @throws IllegalArgumentException when the new name does not pass {@link AppName#checkNew}
     */
    App renameApp(AppName app, AppName newName, UserId by);

    /** True when {@code user} owns {@code app} or collaborates on it; false when either does not exist. */
    boolean canAccess(UserId user, AppName app);

    /**
     * Gives the user with this address access to {@code app}.
     *
     * @throws AppNotFound when there is no such app
     * @throws UserNotFound when no user has this address
     * @throws CollaboratorExists when the user has access already, also as the owner
     */
    Collaborator addCollaborator(AppName app, String email, UserId by);

    /**
     * Takes access to {@code app} away from a collaborator.
     *
     * @throws AppNotFound when there is no such app
     * @throws CollaboratorNotFound when the user is not a collaborator
     * @throws OwnerNotRemovable when the user owns the app
     */
    void removeCollaborator(AppName app, String email, UserId by);

    /**
     * The owner, then the collaborators in the order they were added (by user id within one millisecond).
     *
     * @throws AppNotFound when there is no such app
     */
    List<Collaborator> collaborators(AppName app);

    /**
     * Adds a custom domain to an app.
     *
     * @param hostname normalised with {@link dev.ferry.core.route.HostName#normalizeDomain}
     * @throws AppNotFound when there is no such app
     * @throws DomainTaken when any app has it already
     * @throws LimitExceeded when the app has {@link AppLimits#maxDomains} already
     */
    AppDomain addDomain(AppName app, String hostname, UserId by);

    /**
     * Adds a custom domain for an admin over what held it ({@code domains:add --force}): another app's domain is
     * moved to {@code app} (keeping whether it owns its route), and a domain held by a route made otherwise is
     * added without owning it. Records a {@link EventAction#DOMAIN_FORCE} event naming what held it.
     *
     * @param routeExists whether a route for the host name exists outside the apps (then the domain does not own it)
     * @throws AppNotFound when there is no such app
     * @throws DomainTaken when {@code app} has the domain already
     * @throws LimitExceeded when the app has {@link AppLimits#maxDomains} already
     */
    AppDomain forceDomain(AppName app, String hostname, boolean routeExists, UserId by);

    /**
     * Removes a custom domain from an app.
     *
     * @return the removed domain; its {@link AppDomain#ownsRoute} says whether its route may be removed too
     * @throws AppNotFound when there is no such app
     * @throws DomainNotFound when the app has no such domain
     */
    AppDomain removeDomain(AppName app, String hostname, UserId by);

    /**
     * The app's custom domains, by host name.
     *
     * @throws AppNotFound when there is no such app
     */
    List<AppDomain> domains(AppName app);

    /** The custom domain with this host name, whichever app has it. */
    Optional<AppDomain> domain(String hostname);
}
