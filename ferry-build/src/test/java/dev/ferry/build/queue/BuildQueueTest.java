package dev.ferry.build.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ferry.build.BuildConfig;
import dev.ferry.build.BuildFailed;
import dev.ferry.core.build.BuildOutcome;
import dev.ferry.core.build.BuildRequest;
import dev.ferry.core.build.ReleaseSink;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Build;
import dev.ferry.core.store.BuildStatus;
import dev.ferry.core.store.ConfigVars;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseStatus;
import dev.ferry.core.store.UserId;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildQueueTest {

    @TempDir
    Path dataDir;

    private final MemoryBuildStore records = new MemoryBuildStore();
    private final GatedRunner runner = new GatedRunner();
    private final List<String> released = new CopyOnWriteArrayList<>();
    private final AtomicInteger versions = new AtomicInteger();
    /** What the sink's deploys come to. */
    private volatile ReleaseStatus deployed = ReleaseStatus.SUCCEEDED;
    private final ReleaseSink sink = (request, outcome, progress) -> {
        released.add(request.app() + "@" + request.shortCommit());
        return new Release(request.app(), versions.incrementAndGet(), "Deploy " + request.shortCommit(),
                deployed, ConfigVars.of(java.util.Map.of()), Optional.of(outcome.slugId()),
                outcome.processTypes(), request.pushedBy(), Instant.now());
    };
    private BuildQueue queue;

    @AfterEach
    void stop() {
        if (queue != null) {
            queue.close();
        }
    }

    private BuildQueue start(int maxBuilds) {
        queue = new BuildQueue(BuildConfig.in(dataDir).withMaxConcurrentBuilds(maxBuilds), records, runner, sink);
        return queue;
    }

    private static String commit(int n, char last) {
        return String.format("%039x", n) + last;
    }

    private static BuildRequest request(String app, String commit) {
        return new BuildRequest(AppName.of(app), commit, "main", new UserId(1));
    }

    private BuildTicket submit(String app, String commit, List<String> pusher) throws BuildFailed {
        return queue.submit(request(app, commit), pusher::add);
    }

    @Test
    void runsOneBuildPerAppAtATimeInTheOrderTheyCame() throws Exception {
        start(4);
        String a1 = commit(1, '0');
        String a2 = commit(2, '0');
        String b1 = commit(3, '0');
        List<String> out = new CopyOnWriteArrayList<>();
        BuildTicket first = submit("alpha", a1, out);
        BuildTicket second = submit("alpha", a2, out);
        submit("beta", b1, new CopyOnWriteArrayList<>());

        await().atMost(Duration.ofSeconds(5)).until(() -> runner.running.containsAll(List.of(a1, b1)));
        assertThat(runner.started).doesNotContain(a2);
        assertThat(records.get(second.build().id()).status()).isEqualTo(BuildStatus.QUEUED);
        assertThat(out).contains("       Waiting for the build of alpha ahead of this one");

        runner.finish(a1);
        assertThat(first.await().buildpack()).isEqualTo("Procfile");
        await().atMost(Duration.ofSeconds(5)).until(() -> runner.running.contains(a2));
        assertThat(runner.started).containsSubsequence(a1, a2);
        runner.finish(a2);
        runner.finish(b1);
        second.await();
        assertThat(records.get(second.build().id()).status()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(records.get(second.build().id()).buildpack()).contains("Procfile");
    }

    @Test
    void neverRunsMoreBuildsThanTheLimitAndStartsTheOldestWaitingOneFirst() throws Exception {
        start(2);
        String[] commits = {commit(1, '0'), commit(2, '0'), commit(3, '0'), commit(4, '0')};
        String[] apps = {"alpha", "beta", "gamma", "delta"};
        List<String> gammaOut = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 4; i++) {
            submit(apps[i], commits[i], i == 2 ? gammaOut : new CopyOnWriteArrayList<>());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> runner.running.size() == 2);
        assertThat(runner.started).containsExactlyInAnyOrder(commits[0], commits[1]);
        assertThat(gammaOut).contains("       Waiting: 2 builds ahead of this one");

        runner.finish(commits[1]);
        await().atMost(Duration.ofSeconds(5)).until(() -> runner.started.size() == 3);
        assertThat(runner.started.get(2)).as("the oldest waiting build goes first").isEqualTo(commits[2]);

        for (String c : commits) {
            runner.finish(c);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> runner.started.size() == 4 && runner.running.isEmpty());
        assertThat(runner.mostAtOnce).isEqualTo(2);
    }

    @Test
    void keepsTheOutputAndTheReasonOfAFailedBuild() throws Exception {
        start(2);
        String bad = commit(7, 'f');
        List<String> out = new CopyOnWriteArrayList<>();
        BuildTicket ticket = submit("alpha", bad, out);
        runner.finish(bad);

        assertThatThrownBy(ticket::await).isInstanceOf(BuildFailed.class).hasMessage("no buildpack detected");
        Build build = records.get(ticket.build().id());
        assertThat(build.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(build.failure()).contains("no buildpack detected");
        assertThat(out).containsExactly("-----> Building alpha from main (0000000)", "       building 0000000",
                "       built 0000000", " !     no buildpack detected");
        assertThat(read(queue.open(ticket.build().id(), false).orElseThrow()))
                .isEqualTo(String.join("\n", out) + "\n");
        assertThat(queue.logFile(ticket.build().id())).isEqualTo(dataDir.resolve("build-logs/" + ticket.build().id() + ".log"));
    }

    @Test
    void followsTheOutputOfARunningBuildUntilItEnds() throws Exception {
        start(2);
        String c = commit(8, '0');
        BuildTicket ticket = submit("alpha", c, new CopyOnWriteArrayList<>());
        await().atMost(Duration.ofSeconds(5)).until(() -> runner.running.contains(c));

        try (InputStream follow = queue.open(ticket.build().id(), true).orElseThrow()) {
            byte[] head = new byte["-----> Building".length()];
            assertThat(follow.readNBytes(head, 0, head.length)).isEqualTo(head.length);
            runner.finish(c);
            String rest = new String(follow.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(rest).endsWith("       built 0000000\n");
        }
        assertThat(ticket.await().slugId()).isEqualTo(GatedRunner.SLUG);
    }

    @Test
    void releasesAPushedBuildAndRecordsTheReleaseOnIt() throws Exception {
        start(2);
        String c = commit(9, '0');
        List<String> out = new CopyOnWriteArrayList<>();
        BuildTicket ticket = submit("alpha", c, out);
        runner.finish(c);
        BuildOutcome outcome = ticket.await();

        Optional<Release> release = queue.release(ticket, outcome, out::add);

        assertThat(release).isPresent();
        assertThat(records.get(ticket.build().id()).releaseVersion()).contains(release.get().version());
        assertThat(out).endsWith("-----> Releasing...", "-----> Released v1 (Deploy 0000000)");
        assertThat(read(queue.open(ticket.build().id(), false).orElseThrow())).endsWith("-----> Released v1 (Deploy 0000000)\n");
    }

    @Test
    void afterARestartRunsQueuedBuildsAndFailsTheOnesThatWereRunning() throws Exception {
        Build wasRunning = records.put(request("alpha", commit(1, '0')), BuildStatus.RUNNING);
        Build wasQueued = records.put(request("beta", commit(2, '0')), BuildStatus.QUEUED);
        runner.finish(wasQueued.commit());

        start(2).recover();

        await().atMost(Duration.ofSeconds(5)).until(() -> records.get(wasQueued.id()).releaseVersion().isPresent());
        assertThat(records.get(wasQueued.id()).status()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(runner.movedBranches).containsExactly("main=" + wasQueued.commit());
        assertThat(released).containsExactly("beta@0000000");
        assertThat(records.get(wasRunning.id()).status()).isEqualTo(BuildStatus.FAILED);
        assertThat(records.get(wasRunning.id()).failure()).contains(BuildQueue.INTERRUPTED_BY_RESTART);
        assertThat(runner.started).containsExactly(wasQueued.commit());
        assertThat(read(queue.open(wasQueued.id(), false).orElseThrow()))
                .contains("-----> Build " + wasQueued.id() + " queued again after a restart of Ferry",
                        "-----> Released v1 (Deploy 0000000)");
    }

    @Test
    void afterARestartMovesTheBranchOnlyWhenTheReleaseWentLive() throws Exception {
        deployed = ReleaseStatus.FAILED;
        Build wasQueued = records.put(request("beta", commit(2, '0')), BuildStatus.QUEUED);
        runner.finish(wasQueued.commit());

        start(2).recover();

        await().atMost(Duration.ofSeconds(5)).until(() -> records.get(wasQueued.id()).releaseVersion().isPresent());
        assertThat(released).containsExactly("beta@0000000");
        await().atMost(Duration.ofSeconds(5)).until(() -> read(queue.open(wasQueued.id(), false).orElseThrow())
                .contains("main stays where it was: the release did not go live"));
        assertThat(runner.movedBranches).isEmpty();
    }

    @Test
    void leavesWaitingBuildsQueuedWhenStopped() throws Exception {
        start(1);
        String running = commit(1, '0');
        String waiting = commit(2, '0');
        BuildTicket first = submit("alpha", running, new CopyOnWriteArrayList<>());
        BuildTicket second = submit("beta", waiting, new CopyOnWriteArrayList<>());
        await().atMost(Duration.ofSeconds(5)).until(() -> runner.running.contains(running));

        queue.close();

        assertThatThrownBy(second::await).isInstanceOf(BuildFailed.class).hasMessageContaining("stays queued");
        assertThat(records.get(second.build().id()).status()).isEqualTo(BuildStatus.QUEUED);
        assertThat(records.get(first.build().id()).status()).isEqualTo(BuildStatus.FAILED);
        assertThatThrownBy(() -> submit("gamma", commit(3, '0'), new CopyOnWriteArrayList<>()))
                .isInstanceOf(BuildFailed.class).hasMessageContaining("stopping");
    }

    private static String read(InputStream in) throws Exception {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
