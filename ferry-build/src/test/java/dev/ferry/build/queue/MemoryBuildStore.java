package dev.ferry.build.queue;

import dev.ferry.core.build.BuildRequest;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Build;
import dev.ferry.core.store.BuildId;
import dev.ferry.core.store.BuildNotFound;
import dev.ferry.core.store.BuildStatus;
import dev.ferry.core.store.BuildStatusConflict;
import dev.ferry.core.store.BuildStore;
import dev.ferry.core.store.Page;
import dev.ferry.core.store.Paged;
import dev.ferry.core.store.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link BuildStore} in a map, with the store's rules for moves between statuses. */
public final class MemoryBuildStore implements BuildStore {

    private final Map<Long, Build> builds = new TreeMap<>();
    private long next = 1;

    @Override
    public synchronized Build enqueueBuild(AppName app, String commit, String branch, UserId by) {
        Build b = new Build(new BuildId(next++), app, commit, branch, by, BuildStatus.QUEUED,
                Optional.empty(), Optional.empty(), Optional.empty(), Instant.now(), Optional.empty(), Optional.empty());
        builds.put(b.id().value(), b);
        return b;
    }

    /** Puts a build in any status, as a store left by a stopped process would hold it. */
    synchronized Build put(BuildRequest r, BuildStatus status) {
        Build b = enqueueBuild(r.app(), r.commit(), r.branch(), r.pushedBy());
        Build moved = with(b, status, b.buildpack(), b.releaseVersion(), b.failure());
        builds.put(b.id().value(), moved);
        return moved;
    }

    synchronized Build get(BuildId id) {
        return builds.get(id.value());
    }

    @Override
    public synchronized Build startBuild(BuildId id) {
        Build b = require(id, BuildStatus.QUEUED);
        return save(new Build(b.id(), b.app(), b.commit(), b.branch(), b.createdBy(), BuildStatus.RUNNING,
                b.buildpack(), b.releaseVersion(), b.failure(), b.createdAt(), Optional.of(Instant.now()), Optional.empty()));
    }

    @Override
    public synchronized Build succeedBuild(BuildId id, String buildpack) {
        Build b = require(id, BuildStatus.RUNNING);
        return save(with(b, BuildStatus.SUCCEEDED, Optional.of(buildpack), b.releaseVersion(), b.failure()));
    }

    @Override
    public synchronized Build failBuild(BuildId id, String reason) {
        Build b = builds.get(id.value());
        if (b == null) {
            throw new BuildNotFound(id);
        }
        if (b.status().isFinal()) {
            throw new BuildStatusConflict(id, b.status(), "fail");
        }
        return save(with(b, BuildStatus.FAILED, b.buildpack(), b.releaseVersion(), Optional.of(reason)));
    }

    @Override
    public synchronized Build recordBuildRelease(BuildId id, int releaseVersion) {
        Build b = require(id, BuildStatus.SUCCEEDED);
        return save(with(b, b.status(), b.buildpack(), Optional.of(releaseVersion), b.failure()));
    }

    @Override
    public synchronized List<Build> unfinishedBuilds() {
        return new ArrayList<>(builds.values().stream().filter(b -> !b.status().isFinal()).toList());
    }

    @Override
    public synchronized Paged<Build> builds(AppName app, Page page) {
        long before = page.cursor().map(Long::parseLong).orElse(Long.MAX_VALUE);
        List<Build> newestFirst = builds.values().stream().filter(b -> b.app().equals(app) && b.id().value() < before)
                .sorted((x, y) -> Long.compare(y.id().value(), x.id().value())).limit(page.limit() + 1L).toList();
        if (newestFirst.size() <= page.limit()) {
            return new Paged<>(newestFirst, Optional.empty());
        }
        List<Build> items = newestFirst.subList(0, page.limit());
        return new Paged<>(items, Optional.of(Page.after(String.valueOf(items.getLast().id().value()), page.limit())));
    }

    @Override
    public synchronized Optional<Build> build(AppName app, BuildId id) {
        return Optional.ofNullable(builds.get(id.value())).filter(b -> b.app().equals(app));
    }

    private Build require(BuildId id, BuildStatus status) {
        Build b = builds.get(id.value());
        if (b == null) {
            throw new BuildNotFound(id);
        }
        if (b.status() != status) {
            throw new BuildStatusConflict(id, b.status(), "move");
        }
        return b;
    }

    private Build save(Build b) {
        builds.put(b.id().value(), b);
        return b;
    }

    private static Build with(Build b, BuildStatus status, Optional<String> buildpack, Optional<Integer> release,
                              Optional<String> failure) {
        return new Build(b.id(), b.app(), b.commit(), b.branch(), b.createdBy(), status, buildpack, release, failure,
                b.createdAt(), b.startedAt(), status.isFinal() ? Optional.of(Instant.now()) : b.finishedAt());
    }
}
