package dev.ferry.store.sql.internal;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Build;
import dev.ferry.core.store.BuildId;
import dev.ferry.core.store.BuildNotFound;
import dev.ferry.core.store.BuildStatus;
import dev.ferry.core.store.BuildStatusConflict;
import dev.ferry.core.store.BuildStore;
import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.Page;
import dev.ferry.core.store.Paged;
import dev.ferry.core.store.User;
import dev.ferry.core.store.UserId;
import dev.ferry.store.sql.internal.AppRows.AppRow;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The store's use cases about builds, each one transaction that also records its event. Queuing names the
 * pusher as the event's actor; the later moves are the platform's own (no actor).
 *
 * <p>Each build belongs to the control node that queued it ({@code node}, {@value #LOCAL_NODE} for the one node of
 * an embedded store): its git objects are in that node's data dir, so {@link #unfinishedBuilds()} are that node's
 * own, and queuing or starting a build marks it alive ({@code heartbeat_at}) for the others to see.
 */
public final class BuildCommands implements BuildStore {

    /** The node of a store that one control node uses alone. */
    public static final String LOCAL_NODE = "local";

    private final Database db;
    private final Clocked clock;
    private final String node;

    public BuildCommands(Database db, Clocked clock) {
        this(db, clock, LOCAL_NODE);
    }

    /** @param node the control node whose builds these are (1 to 128 characters) */
    public BuildCommands(Database db, Clocked clock, String node) {
        this.db = db;
        this.clock = clock;
        this.node = requireNode(node);
    }

    /** {@code node} when it can name a control node, else an {@link IllegalArgumentException} saying why not. */
    public static String requireNode(String node) {
        if (node == null || node.isBlank() || node.length() > 128) {
            throw new IllegalArgumentException("a control node's name has 1 to 128 characters, got: " + node);
        }
        return node;
    }

    @Override
    public Build enqueueBuild(AppName name, String commit, String branch, UserId by) {
        Build.requireCommit(commit);
        if (branch == null || branch.isBlank() || branch.length() > 255) {
            throw new IllegalArgumentException("a build needs a branch name of 1 to 255 characters");
        }
        return db.write(tx -> {
            User actor = UserRows.require(tx, by);
            AppRow app = AppRows.require(tx, name);
            Instant now = clock.now();
            BuildId id = BuildRows.insert(tx, app, commit, branch, by, node, now);
            EventRows.record(tx, Optional.of(actor), Optional.of(app), EventAction.BUILD_QUEUE,
                    "Queue build " + id + " of " + commit.substring(0, 7) + " from " + branch, now);
            return BuildRows.find(tx, id).orElseThrow();
        });
    }

    @Override
    public Build startBuild(BuildId id) {
        return move(id, Set.of(BuildStatus.QUEUED), "start", EventAction.BUILD_START, (tx, build, now) -> {
            BuildRows.start(tx, id, now);
            return "Start build " + id;
        });
    }

    @Override
    public Build succeedBuild(BuildId id, String buildpack) {
        if (buildpack == null || buildpack.isBlank()) {
            throw new IllegalArgumentException("a succeeded build names its buildpack");
        }
        return move(id, Set.of(BuildStatus.RUNNING), "succeed", EventAction.BUILD_FINISH, (tx, build, now) -> {
            BuildRows.succeed(tx, id, buildpack, now);
            return "Build " + id + " succeeded";
        });
    }

    @Override
    public Build failBuild(BuildId id, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a failed build says why");
        }
        return move(id, Set.of(BuildStatus.QUEUED, BuildStatus.RUNNING), "fail", EventAction.BUILD_FINISH,
                (tx, build, now) -> {
                    BuildRows.fail(tx, id, reason, now);
                    return "Build " + id + " failed";
                });
    }

    @Override
    public Build recordBuildRelease(BuildId id, int releaseVersion) {
        if (releaseVersion < 1) {
            throw new IllegalArgumentException("release version must be 1 or more, got " + releaseVersion);
        }
        return move(id, Set.of(BuildStatus.SUCCEEDED), "record a release", EventAction.BUILD_RELEASE,
                (tx, build, now) -> {
                    if (build.releaseVersion().isPresent()) {
                        throw new BuildStatusConflict(id, build.status(), "record a second release");
                    }
                    BuildRows.release(tx, id, releaseVersion);
                    return "Build " + id + " released as v" + releaseVersion;
                });
    }

    @Override
    public Paged<Build> builds(AppName name, Page page) {
        long before = Pages.before(page);
        return db.read(tx -> Pages.of(page,
                BuildRows.newestFirst(tx, AppRows.require(tx, name), before, page.limit() + 1), b -> b.id().value()));
    }

    @Override
    public Optional<Build> build(AppName name, BuildId id) {
        return db.read(tx -> {
            AppRows.require(tx, name);
            return BuildRows.find(tx, id).filter(b -> b.app().equals(name));
        });
    }

    @Override
    public List<Build> unfinishedBuilds() {
        return db.read(tx -> BuildRows.unfinished(tx, node));
    }

    /** One change of a build's row; returns the event's detail. */
    @FunctionalInterface
    private interface Change {
        String apply(Tx tx, Build build, Instant now) throws SQLException;
    }

    private Build move(BuildId id, Set<BuildStatus> from, String verb, EventAction action, Change change) {
        return db.write(tx -> {
            Build build = BuildRows.find(tx, id).orElseThrow(() -> new BuildNotFound(id));
            if (!from.contains(build.status())) {
                throw new BuildStatusConflict(id, build.status(), verb);
            }
            Instant now = clock.now();
            String detail = change.apply(tx, build, now);
            EventRows.record(tx, Optional.empty(), AppRows.find(tx, build.app()), action, detail, now);
            return BuildRows.find(tx, id).orElseThrow();
        });
    }
}
