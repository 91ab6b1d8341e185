package dev.ferry.core.store;

import java.util.List;
import java.util.Optional;

/**
 * The store's build jobs: each push to a deploy branch is a build that moves from {@link BuildStatus#QUEUED} to
 * {@link BuildStatus#RUNNING} to {@link BuildStatus#SUCCEEDED} or {@link BuildStatus#FAILED}, and then names the
 * release it became. The build queue keeps its jobs here, so that queued builds survive a restart and every build
 * stays listed; the builds API reads them.
 *
 * <p>Each method is one use case and one transaction, as {@link Store} describes for every port of the store.
 * Safe for use by many threads.
 */
public interface BuildStore {

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
}
