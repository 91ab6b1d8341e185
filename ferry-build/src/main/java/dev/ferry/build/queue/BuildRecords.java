package dev.ferry.build.queue;

import dev.ferry.core.build.BuildRequest;
import dev.ferry.core.store.Build;
import dev.ferry.core.store.BuildId;
import dev.ferry.core.store.Store;
import java.util.List;
import java.util.Objects;

/**
 * The part of the {@link Store} the {@link BuildQueue} keeps its jobs in, so that queued builds survive a
 * restart and every build stays listed. {@link #of(Store)} is the platform's; tests pass a map.
 * Implementations are thread-safe; each call is durable once it returns.
 */
public interface BuildRecords {

    /** A new {@code QUEUED} build of the request. */
    Build enqueue(BuildRequest request);

    /** QUEUED → RUNNING. */
    Build start(BuildId id);

    /** RUNNING → SUCCEEDED. */
    Build succeed(BuildId id, String buildpack);

    /** QUEUED or RUNNING → FAILED. */
    Build fail(BuildId id, String reason);

    /** The release a succeeded build became. */
    Build recordRelease(BuildId id, int releaseVersion);

    /** Builds still QUEUED or RUNNING, oldest first. */
    List<Build> unfinished();

    /** The records in {@code store}'s builds section. */
    static BuildRecords of(Store store) {
        Objects.requireNonNull(store, "store");
        return new BuildRecords() {
            @Override
            public Build enqueue(BuildRequest r) {
                return store.enqueueBuild(r.app(), r.commit(), r.branch(), r.pushedBy());
            }

            @Override
            public Build start(BuildId id) {
                return store.startBuild(id);
            }

            @Override
            public Build succeed(BuildId id, String buildpack) {
                return store.succeedBuild(id, buildpack);
            }

            @Override
            public Build fail(BuildId id, String reason) {
                return store.failBuild(id, reason);
            }

            @Override
            public Build recordRelease(BuildId id, int releaseVersion) {
                return store.recordBuildRelease(id, releaseVersion);
            }

            @Override
            public List<Build> unfinished() {
                return store.unfinishedBuilds();
            }
        };
    }
}
