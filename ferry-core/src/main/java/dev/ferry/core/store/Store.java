package dev.ferry.core.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The port that owns the control plane's state: users and their API tokens, apps with their collaborators,
 * config vars, releases, formation and custom domains, and the audit trail of {@link Event}s.
 *
 * <p>Each method is one use case and one transaction: it happens completely or not at all, and once it
 * returns the change is durable (it survives a {@code kill -9} of the process). Every method that changes
 * something records an {@link Event} in the same transaction, naming {@code by} as its actor. Conditions are
 * reported with the {@link StoreException} subclass named for them; bad arguments (an invalid e-mail
 * address, an empty change) with {@link IllegalArgumentException}. Whether a user may act on an app is
 * decided by the caller, with {@link #canAccess}; the store does not check it.
 *
 * <p>Per-app {@link AppLimits} (config vars, domains, drains) are checked in the transaction of the change, which
 * is refused with {@link LimitExceeded} and writes nothing.
 *
 * <p>The embedded implementation is a SQLite file in the data directory; the distributed one (later) is
 * PostgreSQL. Implementations are safe for use by many threads.
 */
public interface Store extends AutoCloseable {

    // --- users and tokens

    /**
     * On a platform without users, creates the admin {@code email} with a first token; otherwise does
     * nothing and returns empty. {@code ferry up} calls it on every start.
     */
    Optional<NewUser> bootstrapAdmin(String email);

    /**
     * Creates a user with a first token ({@code users:add EMAIL}).
     *
     * @throws UserExists when the address is taken
     * @throws UserNotFound when {@code by} does not exist
     */
    NewUser createUser(String email, boolean admin, UserId by);

    /** The user with this id. */
    Optional<User> user(UserId id);

    /** The user with this e-mail address, compared after {@link User#normalizeEmail}. */
    Optional<User> userByEmail(String email);

    /** All users, oldest first. */
    List<User> users();

    /**
     * Creates an API token for {@code user} and returns its secret, which cannot be read again.
     *
     * @throws UserNotFound when the user does not exist
     */
    NewToken createToken(UserId user, String description);

    /** The user's tokens, oldest first, without their secrets. */
    List<ApiToken> tokens(UserId user);

    /**
     * Revokes one of {@code user}'s tokens; it authenticates nobody from now on.
     *
     * @throws TokenNotFound when {@code user} has no token {@code tokenId}
     */
    void revokeToken(UserId user, String tokenId);

    /**
     * The user a token secret belongs to, or empty for an unknown or revoked one. Records the use in the
     * token's {@link ApiToken#lastUsedAt}, written at most about once a minute per token.
     */
    Optional<User> authenticate(String secret);

    // --- apps and access

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

    // --- config vars and releases

    /**
     * The app's current config vars.
     *
     * @throws AppNotFound when there is no such app
     */
    ConfigVars config(AppName app);

    /**
     * Sets config vars ({@code config:set A=1 B=2}) and creates the release that carries them, described as
     * {@code Set A, B config vars}, with the slug and process types of the app's current release. The release
     * is {@link ReleaseStatus#PENDING} when it has a slug to run (whoever runs it marks it), else
     * {@link ReleaseStatus#SUCCEEDED}.
     *
     * @param set at least one var; the description names them in the map's order, so pass a
     *     {@link java.util.LinkedHashMap} to keep the order the user typed
     * @throws AppNotFound when there is no such app
     * @throws IllegalArgumentException for an empty map or an invalid name or value; nothing is changed
     * @throws LimitExceeded when the app's vars would pass {@link AppLimits#maxConfigVars} or
     *     {@link AppLimits#maxConfigBytes}; nothing is changed
     */
    Release setConfig(AppName app, Map<String, String> set, UserId by);

    /**
     * Removes config vars ({@code config:unset A B}) and creates the release without them, described as
     * {@code Remove A, B config vars}. Names that are not set are ignored, but still named in the release.
     * Its status starts as in {@link #setConfig}.
     *
     * @throws AppNotFound when there is no such app
     */
    Release unsetConfig(AppName app, Collection<String> names, UserId by);

    /**
     * Creates the {@link ReleaseStatus#PENDING} release of a build, described as {@code Deploy 1a2b3c4},
     * with the app's current config vars. Process types new to the formation get a quantity: 1 for
     * {@code web}, 0 for the others.
     *
     * @param commit the deployed commit, shown shortened to 7 characters
     * @throws AppNotFound when there is no such app
     */
    Release createDeployRelease(AppName app, String slugId, String commit, Map<String, String> processTypes,
                                UserId by);

    /**
     * Marks a pending release as succeeded or failed.
     *
     * @throws ReleaseNotFound when there is no such release
     * @throws ReleaseAlreadyFinal when its status is not {@link ReleaseStatus#PENDING}
     */
    Release setReleaseStatus(AppName app, int version, ReleaseStatus status, UserId by);

    /**
     * Makes a new release with the config vars, slug and process types of release {@code version},
     * described as {@code Rollback to v3}, and restores those config vars as the app's current ones. Its status
     * starts as in {@link #setConfig}.
     *
     * @throws ReleaseNotFound when there is no such release
     * @throws CannotRollBack when that release did not succeed
     */
    Release rollback(AppName app, int version, UserId by);

    /**
     * {@link #rollback} to the succeeded release before the newest succeeded one ({@code rollback} without
     * a version).
     *
     * @throws CannotRollBack when there is none
     */
    Release rollbackToPrevious(AppName app, UserId by);

    /**
     * The app's releases, newest first.
     *
     * @throws AppNotFound when there is no such app
     */
    Paged<Release> releases(AppName app, Page page);

    /**
     * One release.
     *
     * @throws AppNotFound when there is no such app
     */
    Optional<Release> release(AppName app, int version);

    /**
     * The newest {@link ReleaseStatus#SUCCEEDED} release, which is the one that should run.
     *
     * @throws AppNotFound when there is no such app
     */
    Optional<Release> currentRelease(AppName app);

    // --- formation

    /**
     * How many instances of each process type should run.
     *
     * @throws AppNotFound when there is no such app
     */
    Formation formation(AppName app);

    /**
     * Changes the quantities of the named process types, leaving the others as they are.
     *
     * @throws AppNotFound when there is no such app
     * @throws UnknownProcessType when the app's newest release declares process types and this is not one
     */
    Formation scale(AppName app, Map<String, Integer> quantities, UserId by);

    // --- domains

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

    // --- builds

    /**
     * Queues a build of {@code commit} pushed to {@code branch} by {@code by}: a {@link BuildStatus#QUEUED}
     * build with a new id.
     *
     * @throws AppNotFound when there is no such app
     * @throws UserNotFound when {@code by} does not exist
     * @throws IllegalArgumentException for a commit that is not 40 hex digits or an empty branch
     */
    Build enqueueBuild(AppName app, String commit, String branch, UserId by);

    /**
     * Moves a queued build to {@link BuildStatus#RUNNING}, stamping its start.
     *
     * @throws BuildNotFound when there is no such build
     * @throws BuildStatusConflict when it is not queued
     */
    Build startBuild(BuildId id);

    /**
     * Marks a running build {@link BuildStatus#SUCCEEDED}, built by {@code buildpack}.
     *
     * @throws BuildNotFound when there is no such build
     * @throws BuildStatusConflict when it is not running
     */
    Build succeedBuild(BuildId id, String buildpack);

    /**
     * Marks a queued or running build {@link BuildStatus#FAILED} with a sentence saying why.
     *
     * @throws BuildNotFound when there is no such build
     * @throws BuildStatusConflict when it has finished already
     */
    Build failBuild(BuildId id, String reason);

    /**
     * Records the release a succeeded build became.
     *
     * @throws BuildNotFound when there is no such build
     * @throws BuildStatusConflict when it has not succeeded or has a release already
     */
    Build recordBuildRelease(BuildId id, int releaseVersion);

    /**
     * The app's builds, newest first.
     *
     * @throws AppNotFound when there is no such app
     */
    Paged<Build> builds(AppName app, Page page);

    /**
     * One build of the app; empty when the app has no build with this id.
     *
     * @throws AppNotFound when there is no such app
     */
    Optional<Build> build(AppName app, BuildId id);

    /** Every build still {@link BuildStatus#QUEUED} or {@link BuildStatus#RUNNING}, oldest first (for recovery at start). */
    List<Build> unfinishedBuilds();

    // --- ssh keys

    /**
     * Registers an SSH public key for {@code user} ({@code keys:add}), after {@link SshPublicKey#parse}.
     *
     * @param publicKey one line of a {@code .pub} file
     * @throws IllegalArgumentException for a malformed or unsupported key, saying why; nothing is changed
     * @throws KeyExists when any user has registered this key: code {@code key_exists} when {@code user} did,
     *     {@code key_taken} (without saying who) when another user did
     * @throws UserNotFound when the user does not exist
     */
    SshKey addSshKey(UserId user, String publicKey);

    /** The user's SSH keys, oldest first. */
    List<SshKey> sshKeys(UserId user);

    /**
     * Removes one of {@code user}'s SSH keys, named by its fingerprint ({@code SHA256:...}) or its comment.
     *
     * @return the removed key
     * @throws KeyNotFound when the user has no such key
     * @throws IllegalArgumentException when several of the user's keys have this comment (name it by fingerprint)
     */
    SshKey removeSshKey(UserId user, String fingerprintOrComment);

    /** The user who registered the key with this fingerprint ({@code SHA256:...}), for git over SSH. */
    Optional<User> userBySshKey(String fingerprint);

    // --- log drains

    /**
     * Adds a log drain to an app ({@code drains:add URL}) with a new id and token.
     *
     * @param url checked and normalised by {@link Drain#checkUrl}
     * @throws AppNotFound when there is no such app
     * @throws DrainExists when the app has a drain with this URL
     * @throws LimitExceeded when the app has {@link AppLimits#maxDrains} already
     * @throws IllegalArgumentException when the URL is not a drain URL; the message says why
     */
    Drain addDrain(AppName app, String url, UserId by);

    /**
     * The app's drains, oldest first.
     *
     * @throws AppNotFound when there is no such app
     */
    List<Drain> drains(AppName app);

    /**
     * Removes the app's drain with this URL (compared after {@link Drain#checkUrl}) or token.
     *
     * @throws AppNotFound when there is no such app
     * @throws DrainNotFound when the app has no such drain
     */
    void removeDrain(AppName app, String urlOrToken, UserId by);

    /** Every drain of every app, by app then oldest first (the runtime starts them at start-up). */
    List<Drain> allDrains();

    // --- deploys

    /**
     * Marks a pending release as failed and records why in its {@link EventAction#RELEASE_STATUS} event, whose
     * detail is {@link #failureDetail} ({@code Mark v4 failed: web.1 did not become healthy within 60 s}), so
     * that the releases list can show it.
     *
     * @param reason one sentence for people; cut to {@value #MAX_FAILURE_REASON} characters
     * @throws ReleaseNotFound when there is no such release
     * @throws ReleaseAlreadyFinal when its status is not {@link ReleaseStatus#PENDING}
     */
    Release failRelease(AppName app, int version, String reason, UserId by);

    /** The longest failure reason {@link #failRelease} keeps. */
    int MAX_FAILURE_REASON = 300;

    /** The event detail of {@link #failRelease}: {@code Mark v4 failed: <reason>}. */
    static String failureDetail(int version, String reason) {
        return "Mark v" + version + " failed: " + reason;
    }

    // --- events

    /**
     * The events about one app, newest first.
     *
     * @throws AppNotFound when there is no such app
     */
    Paged<Event> events(AppName app, Page page);

    /** Every event, newest first (for admins). */
    Paged<Event> events(Page page);

    // --- health

    /**
     * Proves that the store can be written now, with one small write transaction (for {@code /api/health}).
     *
     * @throws StoreUnavailable when it cannot, saying why
     */
    void checkWritable();

    /** Closes the store; calls after this fail. */
    @Override
    void close();
}
