package dev.ferry.build.git;

import dev.ferry.build.BuildFailed;
import dev.ferry.build.BuildLog;
import dev.ferry.build.Builder;
import dev.ferry.build.queue.BuildRunner;
import dev.ferry.core.build.BuildOutcome;
import dev.ferry.core.build.BuildRequest;
import dev.ferry.core.build.FailureReasons;
import dev.ferry.core.store.Build;
import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's {@link BuildRunner}: builds a commit from the app's bare repository with the {@link Builder}
 * (which checks it out into a work directory outside the repository, with the build's time limit). Thread-safe.
 */
public final class RepositoryBuildRunner implements BuildRunner {

    private static final Logger serverLog = LoggerFactory.getLogger(RepositoryBuildRunner.class);

    private final Builder builder;
    private final AppRepositories repos;

    public RepositoryBuildRunner(Builder builder, AppRepositories repos) {
        this.builder = builder;
        this.repos = repos;
    }

    @Override
    public BuildOutcome build(Build build, BuildLog log) throws BuildFailed {
        try (Repository repo = repos.open(build.app())) {
            return builder.build(repo, requestOf(build), log);
        } catch (IOException e) {
            serverLog.warn("cannot open the repository of {}", build.app(), e);
            throw new BuildFailed("the repository of " + build.app() + " cannot be opened; " + FailureReasons.SEE_LOG, e);
        }
    }

    @Override
    public void moveBranch(Build build) throws IOException {
        try (Repository repo = repos.open(build.app())) {
            RefUpdate update = repo.updateRef("refs/heads/" + build.branch());
            update.setNewObjectId(ObjectId.fromString(build.commit()));
            update.setForceUpdate(true);
            update.setRefLogMessage("ferry: build " + build.id() + " queued before a restart", false);
            RefUpdate.Result result = update.update();
            switch (result) {
                case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> {
                }
                default -> throw new IOException("cannot move " + build.branch() + " to " + build.shortCommit() + ": " + result);
            }
        }
    }

    private static BuildRequest requestOf(Build build) {
        return new BuildRequest(build.app(), build.commit(), build.branch(), build.createdBy());
    }
}
