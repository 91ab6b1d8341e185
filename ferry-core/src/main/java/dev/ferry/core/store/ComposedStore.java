package dev.ferry.core.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link Store} made of one implementation of each port, to which it hands every call: how an implementation
 * that keeps each concern in its own class (as the SQLite store does) becomes the one object the platform wires.
 * A subclass passes its ports to the constructor and implements {@link StoreLifecycle} itself. The ports share
 * whatever the implementation shares (one database, its transactions and its audit trail); this class adds
 * nothing to any call.
 */
public abstract class ComposedStore implements Store {

    private final AccountStore accounts;
    private final AppStore apps;
    private final ReleaseStore releases;
    private final BuildStore builds;
    private final DrainStore drains;
    private final EventStore events;

    protected ComposedStore(AccountStore accounts, AppStore apps, ReleaseStore releases, BuildStore builds,
                            DrainStore drains, EventStore events) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.apps = Objects.requireNonNull(apps, "apps");
        this.releases = Objects.requireNonNull(releases, "releases");
        this.builds = Objects.requireNonNull(builds, "builds");
        this.drains = Objects.requireNonNull(drains, "drains");
        this.events = Objects.requireNonNull(events, "events");
    }

    // --- AccountStore

    @Override
    public final Optional<NewUser> bootstrapAdmin(String email) {
        return accounts.bootstrapAdmin(email);
    }

    @Override
    public final NewUser createUser(String email, boolean admin, UserId by) {
        return accounts.createUser(email, admin, by);
    }

    @Override
    public final Optional<User> user(UserId id) {
        return accounts.user(id);
    }

    @Override
    public final Optional<User> userByEmail(String email) {
        return accounts.userByEmail(email);
    }

    @Override
    public final List<User> users() {
        return accounts.users();
    }

    @Override
    public final NewToken createToken(UserId user, String description) {
        return accounts.createToken(user, description);
    }

    @Override
    public final List<ApiToken> tokens(UserId user) {
        return accounts.tokens(user);
    }

    @Override
    public final void revokeToken(UserId user, String tokenId) {
        accounts.revokeToken(user, tokenId);
    }

    @Override
    public final Optional<User> authenticate(String secret) {
        return accounts.authenticate(secret);
    }

    @Override
    public final SshKey addSshKey(UserId user, String publicKey) {
        return accounts.addSshKey(user, publicKey);
    }

    @Override
    public final List<SshKey> sshKeys(UserId user) {
        return accounts.sshKeys(user);
    }

    @Override
    public final SshKey removeSshKey(UserId user, String fingerprintOrComment) {
        return accounts.removeSshKey(user, fingerprintOrComment);
    }

    @Override
    public final Optional<User> userBySshKey(String fingerprint) {
        return accounts.userBySshKey(fingerprint);
    }

    // --- AppStore

    @Override
    public final App createApp(UserId owner, AppName name) {
        return apps.createApp(owner, name);
    }

    @Override
    public final App createAppWithRandomName(UserId owner) {
        return apps.createAppWithRandomName(owner);
    }

    @Override
    public final Optional<App> app(AppName name) {
        return apps.app(name);
    }

    @Override
    public final List<App> apps(UserId user) {
        return apps.apps(user);
    }

    @Override
    public final List<App> allApps() {
        return apps.allApps();
    }

    @Override
    public final DestroyedApp destroyApp(AppName app, UserId by) {
        return apps.destroyApp(app, by);
    }

    @Override
    public final App renameApp(AppName app, AppName newName, UserId by) {
        return apps.renameApp(app, newName, by);
    }

    @Override
    public final boolean canAccess(UserId user, AppName app) {
        return apps.canAccess(user, app);
    }

    @Override
    public final Collaborator addCollaborator(AppName app, String email, UserId by) {
        return apps.addCollaborator(app, email, by);
    }

    @Override
    public final void removeCollaborator(AppName app, String email, UserId by) {
        apps.removeCollaborator(app, email, by);
    }

    @Override
    public final List<Collaborator> collaborators(AppName app) {
        return apps.collaborators(app);
    }

    @Override
    public final AppDomain addDomain(AppName app, String hostname, UserId by) {
        return apps.addDomain(app, hostname, by);
    }

    @Override
    public final AppDomain forceDomain(AppName app, String hostname, boolean routeExists, UserId by) {
        return apps.forceDomain(app, hostname, routeExists, by);
    }

    @Override
    public final AppDomain removeDomain(AppName app, String hostname, UserId by) {
        return apps.removeDomain(app, hostname, by);
    }

    @Override
    public final List<AppDomain> domains(AppName app) {
        return apps.domains(app);
    }

    @Override
    public final Optional<AppDomain> domain(String hostname) {
        return apps.domain(hostname);
    }

    // --- ReleaseStore

    @Override
    public final ConfigVars config(AppName app) {
        return releases.config(app);
    }

    @Override
    public final Release setConfig(AppName app, Map<String, String> set, UserId by) {
        return releases.setConfig(app, set, by);
    }

    @Override
    public final Release unsetConfig(AppName app, Collection<String> names, UserId by) {
        return releases.unsetConfig(app, names, by);
    }

    @Override
    public final Release changeConfig(AppName app, Map<String, String> set, Collection<String> unset, UserId by) {
        return releases.changeConfig(app, set, unset, by);
    }

    @Override
    public final Release createDeployRelease(AppName app, String slugId, String commit,
                                             Map<String, String> processTypes, UserId by) {
        return releases.createDeployRelease(app, slugId, commit, processTypes, by);
    }

    @Override
    public final Release setReleaseStatus(AppName app, int version, ReleaseStatus status, UserId by) {
        return releases.setReleaseStatus(app, version, status, by);
    }

    @Override
    public final Release failRelease(AppName app, int version, String reason, UserId by) {
        return releases.failRelease(app, version, reason, by);
    }

    @Override
    public final Release rollback(AppName app, int version, UserId by) {
        return releases.rollback(app, version, by);
    }

    @Override
    public final Release rollbackToPrevious(AppName app, UserId by) {
        return releases.rollbackToPrevious(app, by);
    }

    @Override
    public final Paged<Release> releases(AppName app, Page page) {
        return releases.releases(app, page);
    }

    @Override
    public final Optional<Release> release(AppName app, int version) {
        return releases.release(app, version);
    }

    @Override
    public final Optional<Release> currentRelease(AppName app) {
        return releases.currentRelease(app);
    }

    @Override
    public final Formation formation(AppName app) {
        return releases.formation(app);
    }

    @Override
    public final Formation scale(AppName app, Map<String, Integer> quantities, UserId by) {
        return releases.scale(app, quantities, by);
    }

    // --- BuildStore

    @Override
    public final Build enqueueBuild(AppName app, String commit, String branch, UserId by) {
        return builds.enqueueBuild(app, commit, branch, by);
    }

    @Override
    public final Build startBuild(BuildId id) {
        return builds.startBuild(id);
    }

    @Override
    public final Build succeedBuild(BuildId id, String buildpack) {
        return builds.succeedBuild(id, buildpack);
    }

    @Override
    public final Build failBuild(BuildId id, String reason) {
        return builds.failBuild(id, reason);
    }

    @Override
    public final Build recordBuildRelease(BuildId id, int releaseVersion) {
        return builds.recordBuildRelease(id, releaseVersion);
    }

    @Override
    public final Paged<Build> builds(AppName app, Page page) {
        return builds.builds(app, page);
    }

    @Override
    public final Optional<Build> build(AppName app, BuildId id) {
        return builds.build(app, id);
    }

    @Override
    public final List<Build> unfinishedBuilds() {
        return builds.unfinishedBuilds();
    }

    // --- DrainStore

    @Override
    public final Drain addDrain(AppName app, String url, UserId by) {
        return drains.addDrain(app, url, by);
    }

    @Override
    public final List<Drain> drains(AppName app) {
        return drains.drains(app);
    }

    @Override
    public final void removeDrain(AppName app, String urlOrToken, UserId by) {
        drains.removeDrain(app, urlOrToken, by);
    }

    @Override
    public final List<Drain> allDrains() {
        return drains.allDrains();
    }

    // --- EventStore

    @Override
    public final Paged<Event> events(AppName app, Page page) {
        return events.events(app, page);
    }

    @Override
    public final Paged<Event> events(Page page) {
        return events.events(page);
    }
}
