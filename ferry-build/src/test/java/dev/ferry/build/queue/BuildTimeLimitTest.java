package dev.ferry.build.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.build.BuildConfig;
import dev.ferry.build.BuildFailed;
import dev.ferry.build.Builder;
import dev.ferry.build.TestRepo;
import dev.ferry.core.build.BuildRequest;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.BuildStatus;
import dev.ferry.core.store.UserId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Node.js build whose build script starts a long sleep: with a time limit of 3 s the build fails with a
 * message naming the limit, well before the sleep ends, and the sleep (a grandchild of the build) is killed.
 */
class BuildTimeLimitTest {

    @TempDir
    Path tmp;

    @Test
    void failsABuildThatOutlivesItsTimeLimitAndKillsItsProcesses() throws Exception {
        Path pidFile = tmp.resolve("sleep.pid");
        BuildConfig config = BuildConfig.in(tmp.resolve("data")).withTimeout(Duration.ofSeconds(3));
        Builder builder = Builder.of(config);
        MemoryBuildStore records = new MemoryBuildStore();
        try (TestRepo repo = new TestRepo(tmp.resolve("repo"))) {
            String commit = repo.write("package.json", """
                    {"name": "slow", "version": "1.0.0", "private": true,
                     "scripts": {"build": "sh -c 'sleep 47 & echo $! > %s; wait'", "start": "node index.js"}}
                    """.formatted(pidFile)).write("index.js", "console.log('hi')\n").commit("slow build");
            BuildRunner runner = (build, log) -> builder.build(repo.repository(),
                    new BuildRequest(build.app(), build.commit(), build.branch(), build.createdBy()), log);
            try (BuildQueue queue = new BuildQueue(config, records, runner,
                    (request, outcome, progress) -> { throw new AssertionError("nothing is released"); })) {
                List<String> out = new CopyOnWriteArrayList<>();
                long started = System.nanoTime();
                BuildTicket ticket = queue.submit(new BuildRequest(AppName.of("slow"), commit, "main", new UserId(1)), out::add);

                assertThatThrownBy(ticket::await).isInstanceOf(BuildFailed.class)
                        .hasMessageStartingWith("Build timed out after 3 s: ");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(40));
                assertThat(records.get(ticket.build().id()).status()).isEqualTo(BuildStatus.FAILED);
                assertThat(records.get(ticket.build().id()).failure().orElseThrow()).contains("time limit");
                assertThat(out.getLast()).startsWith(" !     Build timed out after 3 s: ");
            }
        }
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            // the kill is forcible and immediate, but the OS reaps the process a moment later
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        }
        assertThat(Files.exists(pidFile)).as("the build script ran within the limit").isTrue();
    }
}
