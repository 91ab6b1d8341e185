package dev.ferry.build.queue;

import dev.ferry.build.BuildConfig;
import dev.ferry.build.BuildFailed;
import dev.ferry.build.BuildLog;
import dev.ferry.core.build.BuildOutcome;
import dev.ferry.core.build.BuildLogArchive;
import dev.ferry.core.build.BuildOutputs;
import dev.ferry.core.build.BuildRequest;
import dev.ferry.core.build.FailureReasons;
import dev.ferry.core.build.ReleaseSink;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Build;
import dev.ferry.core.store.BuildId;
import dev.ferry.core.store.BuildStatus;
import dev.ferry.core.store.BuildStore;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The build queue: every build is a job kept in the store ({@link BuildStore}) and run here, one at a time
 * per app and at most {@link BuildConfig#maxConcurrentBuilds()} at once, first come first served among the
 * apps that are free. A push {@link #submit}s its job and waits on the {@link BuildTicket} while the job's
 * output streams to it line by line; every build's output is also kept in
 * {@code <data-dir>/build-logs/<id>.log} ({@link #open}) and, on a store several control nodes share, in the
 * {@link BuildLogArchive} once the build or its release ended, where {@link #open} finds the builds of other nodes.
 *
 * <p>After a restart, {@link #recover} runs the jobs the store still has queued (their pusher is gone: on
 * success the build is released through the {@link ReleaseSink} and, once that release went live, the branch
 * is moved to the commit, as a push would) and fails the ones that were running ("interrupted by a restart of
 * Ferry"): see docs/decisions/008-build-queue.md.
 *
 * <p>Threading: {@link #submit}, {@link #release} and {@link #open} are called from many threads; each build
 * runs on a thread of its own. Which job starts when is decided by a {@link BuildSchedule} (its own monitor).
 */
public final class BuildQueue implements BuildOutputs, AutoCloseable {

    /** The reason given to builds found running at start. */
    public static final String INTERRUPTED_BY_RESTART = "interrupted by a restart of Ferry";

    private static final Logger log = LoggerFactory.getLogger(BuildQueue.class);

    private final BuildConfig config;
    private final BuildStore records;
    private final BuildRunner runner;
    private final ReleaseSink releases;
    private final SharedBuildLogs shared;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().name("ferry-build-", 1).daemon(true).factory());

    private final BuildSchedule<Job> schedule;
    /** Jobs queued or running, by id: their output may still grow. */
    private final Map<BuildId, Job> active = new ConcurrentHashMap<>();

    /** One build: its record as last read, its output, and the pusher's ticket (none after a restart). */
    private static final class Job {
        volatile Build build;
        final KeptLog out;
        final Optional<BuildTicket> ticket;

        Job(Build build, KeptLog out, Optional<BuildTicket> ticket) {
            this.build = build;
            this.out = out;
            this.ticket = ticket;
        }
    }

    public BuildQueue(BuildConfig config, BuildStore records, BuildRunner runner, ReleaseSink releases) {
        this(config, records, runner, releases, Optional.empty());
    }

    /** @param logs where the kept logs go for the other control nodes to read, when there are several */
    public BuildQueue(BuildConfig config, BuildStore records, BuildRunner runner, ReleaseSink releases,
                      Optional<BuildLogArchive> logs) {
        this.shared = new SharedBuildLogs(logs);
        this.config = Objects.requireNonNull(config, "config");
        this.records = Objects.requireNonNull(records, "records");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.releases = Objects.requireNonNull(releases, "releases");
        this.schedule = new BuildSchedule<>(config.maxConcurrentBuilds());
    }

    public BuildConfig config() {
        return config;
    }

    /**
     * Takes up the builds the store still has unfinished: running ones failed ({@value #INTERRUPTED_BY_RESTART}),
     * queued ones queued again in their order. Call once at start, before any push is accepted.
     */
    public void recover() {
        for (Build build : records.unfinishedBuilds()) {
            KeptLog out = KeptLog.open(logFile(build.id()), Optional.empty());
            if (build.status() == BuildStatus.RUNNING) {
                out.line(" !     Build " + build.id() + " was " + INTERRUPTED_BY_RESTART + ".");
                out.close();
                failQuietly(build.id(), INTERRUPTED_BY_RESTART);
                shared.share(build.id(), logFile(build.id()));
                continue;
            }
            out.step("Build " + build.id() + " queued again after a restart of Ferry");
            enqueue(new Job(build, out, Optional.empty()));
        }
        dispatch();
    }

    /**
     * Queues a build of a pushed commit; its output goes to {@code pusher} and to its kept log.
     *
     * @throws BuildFailed when the queue is stopping (nothing is queued then)
     */
    public BuildTicket submit(BuildRequest request, BuildLog pusher) throws BuildFailed {
        if (schedule.isClosed()) {
            throw new BuildFailed("Ferry is stopping; push again once it runs");
        }
        Build build = records.enqueueBuild(request.app(), request.commit(), request.branch(), request.pushedBy());
        BuildTicket ticket = new BuildTicket(build);
        KeptLog out = KeptLog.open(logFile(build.id()), Optional.of(pusher));
        out.step("Building " + request.app().value() + " from " + request.branch() + " (" + request.shortCommit() + ")");
        enqueue(new Job(build, out, Optional.of(ticket)));
        dispatch();
        return ticket;
    }

    /**
     * Makes the release of a pushed build and rolls it out (through the {@link ReleaseSink}) before its branch
     * moves, records it on the build, and writes {@code -----> Released v3 (Deploy 1a2b3c4)} (or why not) to the
     * pusher and the kept log. The caller moves the branch only when the release {@link ReleaseStatus#SUCCEEDED}.
     *
     * @return the release, {@link ReleaseStatus#FAILED} when its deploy failed; empty when it could not be made
     *     (the reason is in the output)
     */
    public Optional<Release> release(BuildTicket ticket, BuildOutcome outcome, BuildLog pusher) {
        Optional<Release> released;
        try (KeptLog out = KeptLog.open(logFile(ticket.build().id()), Optional.of(pusher))) {
            released = releaseInto(ticket.build(), outcome, out, live -> { });
        }
        shared.share(ticket.build().id(), logFile(ticket.build().id()));
        return released;
    }

    @Override
    public Optional<InputStream> open(BuildId id, boolean follow) {
        Path file = logFile(id);
        if (follow && active.containsKey(id)) {
            return Optional.of(new FollowingInputStream(file, () -> active.containsKey(id)));
        }
        if (!Files.exists(file) && !active.containsKey(id)) {
            shared.fetch(id, file); // run by another control node
        }
        try {
            return Optional.of(Files.newInputStream(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The kept log file of a build. */
    public Path logFile(BuildId id) {
        return config.buildLogsDir().resolve(id + ".log");
    }

    private void enqueue(Job job) {
        active.put(job.build.id(), job);
        if (!schedule.add(job, job.build.app(), job.out::detail)) {
            leaveQueued(job);
        }
    }

    /** Starts the jobs the schedule allows now, each on a thread of its own. */
    private void dispatch() {
        for (Job job : schedule.startable()) {
            try {
                threads.execute(() -> run(job));
            } catch (RejectedExecutionException e) {
                // stopped meanwhile: the store still has the build queued
                schedule.done(job.build.app());
                leaveQueued(job);
            }
        }
    }

    /** Ends a job that will not run in this process: its build stays queued in the store for the next start. */
    private void leaveQueued(Job job) {
        String note = "Ferry is stopping; build " + job.build.id() + " stays queued and runs when Ferry starts again";
        job.out.line(" !     " + note);
        job.ticket.ifPresent(t -> t.failed(new BuildFailed(note)));
        job.out.close();
        active.remove(job.build.id());
    }

    private void run(Job job) {
        BuildId id = job.build.id();
        try {
            job.build = records.startBuild(id);
            Instant started = Instant.now();
            try {
                BuildOutcome outcome = runner.build(job.build, job.out);
                job.build = records.succeedBuild(id, outcome.buildpack());
                if (job.ticket.isPresent()) {
                    job.ticket.get().succeeded(outcome);
                } else {
                    releaseRecovered(job, outcome);
                }
            } catch (BuildFailed e) {
                fail(job, timedOut(started) ? "Build timed out after " + human(config.timeout()) + ": " + e.getMessage()
                        : e.getMessage(), e);
            }
        } catch (InterruptedException e) {
            fail(job, "the build was stopped: Ferry is stopping", e);
        } catch (RuntimeException e) {
            log.warn("build {} of {} failed unexpectedly", id, job.build.app(), e);
            fail(job, "the build failed: " + FailureReasons.of(e), e);
        } finally {
            job.out.close();
            shared.share(id, logFile(id));
            active.remove(id);
            schedule.done(job.build.app());
            dispatch();
        }
    }

    /** The end of a build queued before a restart: what its push would have done, the branch moved last. */
    private void releaseRecovered(Job job, BuildOutcome outcome) {
        Optional<Release> release = releaseInto(job.build, outcome, job.out, live -> {
            try {
                runner.moveBranch(job.build);
            } catch (IOException | RuntimeException e) {
                log.warn("build {} of {}: cannot move {}", job.build.id(), job.build.app(), job.build.branch(), e);
                job.out.line(" !     " + live.label() + " is running but " + job.build.branch()
                        + " could not be moved to it: " + FailureReasons.of(e));
            }
        });
        if (release.isEmpty() || release.get().status() != ReleaseStatus.SUCCEEDED) {
            job.out.line(" !     " + job.build.branch() + " stays where it was: the release did not go live");
        }
    }

    /**
     * Releases a build through the sink, runs {@code onLive} when the release went live, then records the release
     * on the build (so that whoever waits for that record also sees what {@code onLive} did).
     */
    private Optional<Release> releaseInto(Build build, BuildOutcome outcome, BuildLog out, Consumer<Release> onLive) {
        out.step("Releasing...");
        Release release;
        try {
            release = releases.release(requestOf(build), outcome, out::line);
        } catch (RuntimeException e) {
            log.warn("release of build {} of {} failed", build.id(), build.app(), e);
            out.line(" !     The build succeeded but its release could not be recorded: " + FailureReasons.of(e));
            return Optional.empty();
        }
        if (release.status() == ReleaseStatus.SUCCEEDED) {
            onLive.accept(release);
        }
        try {
            records.recordBuildRelease(build.id(), release.version());
        } catch (RuntimeException e) {
            log.warn("could not record release v{} on build {}: {}", release.version(), build.id(), e.toString());
        }
        if (release.status() == ReleaseStatus.SUCCEEDED) {
            out.step("Released v" + release.version() + " (" + release.description() + ")");
        }
        // otherwise the release sink has told the pusher why the release does not run
        return Optional.of(release);
    }

    private void fail(Job job, String failure, Exception cause) {
        // a build step's own message may quote the work directory: the pusher sees no path of the server
        String reason = FailureReasons.withoutPathsIn(failure, config.dataDir());
        job.out.line(" !     " + reason);
        failQuietly(job.build.id(), reason);
        job.ticket.ifPresent(t -> t.failed(cause instanceof BuildFailed && reason.equals(cause.getMessage())
                ? (BuildFailed) cause : new BuildFailed(reason, cause)));
    }

    private void failQuietly(BuildId id, String reason) {
        try {
            records.failBuild(id, reason);
        } catch (RuntimeException e) {
            log.warn("could not record that build {} failed ({}): {}", id, reason, e.toString());
        }
    }

    private boolean timedOut(Instant started) {
        return Duration.between(started, Instant.now()).compareTo(config.timeout()) >= 0;
    }

    private static BuildRequest requestOf(Build build) {
        return new BuildRequest(build.app(), build.commit(), build.branch(), build.createdBy());
    }

    static String human(Duration d) {
        if (d.toMinutes() > 0 && d.toSecondsPart() == 0) {
            return d.toMinutes() + " min";
        }
        return d.toSeconds() > 0 && d.toMillisPart() == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /**
     * Stops: no job starts any more, running builds are interrupted (their commands killed) and marked
     * failed; queued jobs stay queued in the store and run after the next start. Waits up to 10 s.
     */
    @Override
    public void close() {
        if (schedule.isClosed()) {
            return;
        }
        schedule.close().forEach(this::leaveQueued);
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("builds still running 10 s after the build queue was stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
