package dev.ferry.build.queue;

import dev.ferry.build.BuildFailed;
import dev.ferry.build.BuildLog;
import dev.ferry.core.build.BuildOutcome;
import dev.ferry.core.store.Build;
import java.io.IOException;

/**
 * What the {@link BuildQueue} runs for each job: the platform's builds the commit from the app's repository
 * with the buildpacks ({@link dev.ferry.build.git.RepositoryBuildRunner}); tests pass fakes. Called on the
 * queue's build threads, never twice at once for one app.
 */
public interface BuildRunner {

    /**
     * Builds {@code build}'s commit, writing progress to {@code log}; must honour the build's time limit.
     *
     * @throws BuildFailed with the reason to show; nothing is stored then
     * @throws InterruptedException when the queue is stopping
     */
    BuildOutcome build(Build build, BuildLog log) throws BuildFailed, InterruptedException;

    /**
     * Points the build's branch at its commit, for a build that succeeded without a pusher (queued before a
     * restart of Ferry), whose push never moved the branch. By default nothing.
     */
    default void moveBranch(Build build) throws IOException {
    }
}
