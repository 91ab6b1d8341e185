package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.NewToken;
import dev.ferry.core.store.NewUser;
import dev.ferry.core.store.UserId;
import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.testing.CommandRunner;
import dev.ferry.testing.PlatformExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry logs --tail} streams end within 2 s of the access they were opened with going, each way it can go,
 * measured from the outside over real HTTP: the collaborator removed ({@code access:remove}), the token revoked
 * ({@code tokens:revoke}), the app destroyed ({@code apps:destroy}). Streams opened under access that stays (the
 * admin's, another token of the same user) keep receiving new lines.
 */
class LogStreamRevocationTest {

    private static final Duration CUT = Duration.ofSeconds(2);
    private static final AppName HELLO = AppName.of("hello");

    @RegisterExtension
    final PlatformExtension<Platform> started = PlatformExtension.starting(
            dir -> Platform.start(FerryConfig.ephemeral(dir)));

    @TempDir
    Path home;

    private Platform platform;
    private Cli admin;
    private NewUser bob;

    @BeforeEach
    void start() throws Exception {
        platform = started.get();
        admin = new Cli(platform.apiPort(), platform.adminToken().token(), home);
        assertThat(admin.run("apps:create", "hello").exit()).isZero();
        UserId adminId = platform.store().userByEmail("admin@localhost").orElseThrow().id();
        bob = platform.store().createUser("bob@example.com", false, adminId);
        platform.store().addCollaborator(HELLO, "bob@example.com", adminId);
    }

    @Test
    void removingACollaboratorEndsTheirStreamButNotTheOwners() throws Exception {
        try (StreamedLines bobs = follow(bob.firstToken().secret(), "hello");
             StreamedLines admins = follow(platform.adminToken().token(), "hello")) {
            appendAndAwait("before", bobs, admins);

            long revokedAt = System.nanoTime();
            CommandRunner.Result removed = admin.run("access:remove", "bob@example.com", "-a", "hello");
            assertThat(removed.exit()).as(removed.err()).isZero();

            assertEndsWithin(bobs, revokedAt);
            assertThat(bobs.lines().getLast()).contains("ferry[logs]: -- stream closed: access to hello was removed --");
            append(HELLO, "after");
            await().atMost(Duration.ofSeconds(5)).until(() -> admins.lines().stream().anyMatch(l -> l.endsWith("after")));
            assertThat(bobs.lines()).noneMatch(l -> l.endsWith("after"));
            assertThat(admins.ended()).isFalse();
        }
    }

    @Test
    void revokingATokenEndsTheStreamsItOpenedOnly() throws Exception {
        NewToken second = platform.store().createToken(bob.user().id(), "laptop");
        try (StreamedLines revoked = follow(second.secret(), "hello"); StreamedLines kept = follow(bob.firstToken().secret(), "hello")) {
            appendAndAwait("before", revoked, kept);

            long revokedAt = System.nanoTime();
            CommandRunner.Result r = new Cli(platform.apiPort(), bob.firstToken().secret(), home).run("tokens:revoke", second.token().id());
            assertThat(r.exit()).as(r.err()).isZero();

            assertEndsWithin(revoked, revokedAt);
            assertThat(revoked.lines().getLast()).contains("-- stream closed: the token was revoked --");
            append(HELLO, "after");
            await().atMost(Duration.ofSeconds(5)).until(() -> kept.lines().stream().anyMatch(l -> l.endsWith("after")));
            assertThat(kept.ended()).isFalse();
        }
    }

    @Test
    void destroyingTheAppEndsEveryStreamOnIt() throws Exception {
        Cli bobCli = new Cli(platform.apiPort(), bob.firstToken().secret(), home);
        assertThat(bobCli.run("apps:create", "mine").exit()).isZero();
        try (StreamedLines owners = follow(bob.firstToken().secret(), "mine");
             StreamedLines admins = follow(platform.adminToken().token(), "mine")) {
            append(AppName.of("mine"), "before");
            await().atMost(Duration.ofSeconds(5)).until(() -> owners.lines().size() == 1 && admins.lines().size() == 1);

            long revokedAt = System.nanoTime();
            CommandRunner.Result r = bobCli.run("apps:destroy", "mine", "--confirm", "mine");
            assertThat(r.exit()).as(r.err()).isZero();

            assertEndsWithin(owners, revokedAt);
            assertEndsWithin(admins, revokedAt);
            assertThat(owners.lines().getLast()).contains("-- stream closed: the app mine was destroyed --");
        }
    }

    private StreamedLines follow(String token, String app) throws Exception {
        return StreamedLines.logs(platform.apiPort(), token, app);
    }

    private void append(AppName app, String text) {
        platform.appLogs().append(new LogLine(Instant.now(), app, LogLine.APP, "web.1", text));
    }

    private void appendAndAwait(String text, StreamedLines... followers) {
        append(HELLO, text);
        for (StreamedLines f : followers) {
            await().atMost(Duration.ofSeconds(5)).until(() -> f.lines().stream().anyMatch(l -> l.endsWith(text)));
        }
    }

    private static void assertEndsWithin(StreamedLines follower, long revokedAtNanos) {
        await().atMost(CUT.plusSeconds(3)).until(follower::ended);
        assertThat(Duration.ofNanos(follower.endedAtNanos() - revokedAtNanos)).isLessThan(CUT);
    }
}
