package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.NewUser;
import dev.ferry.core.store.UserId;
import dev.ferry.testing.CommandRunner;
import dev.ferry.testing.PlatformExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collaborator's {@code ferry run} session, a real sandboxed process of a pushed app streamed over HTTP, is
 * killed and its answer ended with {@code access_revoked} within 2 s of the collaborator's removal; the owner's
 * session on the same app runs on.
 */
class RunRevocationTest {

    private static final Duration CUT = Duration.ofSeconds(2);

    @RegisterExtension
    final PlatformExtension<RuntimePlatform> platform = PlatformExtension.starting(RuntimePlatform::new);

    @TempDir
    Path work;

    private RuntimePlatform ferry;

    @BeforeEach
    void prepare() throws Exception {
        ferry = platform.get();
        ferry.createApp("hello");
    }

    @Test
    void removingTheCollaboratorKillsTheirRunSession() throws Exception {
        PythonApp app = PythonApp.create(work.resolve("app"), work.resolve("home"), ferry.token);
        Git.Result pushed = app.push(ferry.remote("hello"));
        assertThat(pushed.exit()).as(pushed.output()).isZero();
        UserId adminId = ferry.platform.store().userByEmail("admin@localhost").orElseThrow().id();
        NewUser bob = ferry.platform.store().createUser("bob@example.com", false, adminId);
        ferry.platform.store().addCollaborator(AppName.of("hello"), "bob@example.com", adminId);
        int api = ferry.platform.apiPort();

        try (StreamedLines bobs = StreamedLines.run(api, bob.firstToken().secret(), "hello", "echo started; sleep 60; echo late");
             StreamedLines admins = StreamedLines.run(api, ferry.token, "hello", "echo started; sleep 60; echo late")) {
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    bobs.lines().contains("{\"out\":\"started\\n\"}") && admins.lines().contains("{\"out\":\"started\\n\"}"));

            long revokedAt = System.nanoTime();
            CommandRunner.Result removed = ferry.cli(work.resolve("home")).run("access:remove", "bob@example.com", "-a", "hello");
            assertThat(removed.exit()).as(removed.err()).isZero();

            await().atMost(CUT.plusSeconds(3)).until(bobs::ended);
            assertThat(Duration.ofNanos(bobs.endedAtNanos() - revokedAt)).isLessThan(CUT);
            assertThat(bobs.lines().getLast()).contains("\"code\":\"access_revoked\"", "access to hello was removed");
            assertThat(bobs.lines()).noneMatch(l -> l.contains("late"));
            assertThat(admins.ended()).isFalse();
        }
    }

    @Test
    void removingTheCollaboratorEndsTheirRunOverTheWebSocketAndKillsItsProcess() throws Exception {
        PythonApp app = PythonApp.create(work.resolve("app"), work.resolve("home"), ferry.token);
        assertThat(app.push(ferry.remote("hello")).exit()).isZero();
        UserId adminId = ferry.platform.store().userByEmail("admin@localhost").orElseThrow().id();
        NewUser bob = ferry.platform.store().createUser("bob@example.com", false, adminId);
        ferry.platform.store().addCollaborator(AppName.of("hello"), "bob@example.com", adminId);
        ChildCli bobsCli = new ChildCli(ferry.platform.apiPort(), bob.firstToken().secret(), work.resolve("bob"));
        String marker = "61.0" + ProcessHandle.current().pid();

        CompletableFuture<CommandRunner.Result> run = CompletableFuture.supplyAsync(() -> {
            try {
                return bobsCli.run("", "run", "-a", "hello", "--", "sh", "-c", "sleep " + marker + "; echo late");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> sleeping(marker) > 0);
        long revokedAt = System.nanoTime();
        CommandRunner.Result revoked = new Cli(ferry.platform.apiPort(), ferry.token, work.resolve("home"))
                .run("access:remove", "bob@example.com", "-a", "hello");
        assertThat(revoked.exit()).as(revoked.err()).isZero();

        CommandRunner.Result r = run.get(CUT.plusSeconds(5).toSeconds(), TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(CUT.plusSeconds(2));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("ferry: The process was stopped: ");
        await().atMost(Duration.ofSeconds(5)).until(() -> sleeping(marker) == 0);
    }

    private static long sleeping(String marker) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("sleep " + marker)).count();
    }
}
