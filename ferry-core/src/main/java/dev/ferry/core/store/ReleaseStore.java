package dev.ferry.core.store;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The store's desired state of each app: its config vars, its releases (each a slug with config vars and process
 * types, pending until whoever runs it marks it) and its formation (how many instances of each process type).
 * Per-app {@link AppLimits#maxConfigVars} and {@link AppLimits#maxConfigBytes} are checked in the transaction of
 * {@link #setConfig}.
 *
 * <p>Each method is one use case and one transaction, and each change records its {@link Event}, as
 * {@link Store} describes for every port of the store. Safe for use by many threads.
 */
public interface ReleaseStore {

    /** The longest failure reason {@link #failRelease} keeps. */
    int MAX_FAILURE_REASON = 300;

    /** The event detail of {@link #failRelease}: {@code Mark v4 failed: <reason>}. */
    static String failureDetail(int version, String reason) {
        return "Mark v" + version + " failed: " + reason;
    }

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
     * Sets some vars and removes others as one change ({@code config:edit}): one release, described as
     * {@code Set A, B and remove C config vars}, under the limits of {@link #setConfig}. Names in both are refused.
     * This default makes two releases (set, then remove); a store that can should override it with one
     * transaction (the SQLite store does).
     *
     * @throws IllegalArgumentException when both are empty, a name is in both, or a name or value is invalid;
     *     nothing is changed
     */
    default Release changeConfig(AppName app, Map<String, String> set, Collection<String> unset, UserId by) {
        if (set.isEmpty()) {
            return unsetConfig(app, unset, by);
        }
        if (unset.isEmpty()) {
            return setConfig(app, set, by);
        }
        if (unset.stream().anyMatch(set::containsKey)) {
            throw new IllegalArgumentException("a config var cannot be set and removed in one change");
        }
        setConfig(app, set, by);
        return unsetConfig(app, unset, by);
    }

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
     * Marks a pending release as failed and records why in its {@link EventAction#RELEASE_STATUS} event, whose
     * detail is {@link #failureDetail} ({@code Mark v4 failed: web.1 did not become healthy within 60 s}), so
     * that the releases list can show it.
     *
     * @param reason one sentence for people; cut to {@value #MAX_FAILURE_REASON} characters
     * @throws ReleaseNotFound when there is no such release
     * @throws ReleaseAlreadyFinal when its status is not {@link ReleaseStatus#PENDING}
     */
    Release failRelease(AppName app, int version, String reason, UserId by);

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
}
