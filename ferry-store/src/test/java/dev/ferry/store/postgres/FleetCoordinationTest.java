package dev.ferry.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.build.SlugArchive;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Build;
import dev.ferry.core.store.BuildStatus;
import dev.ferry.core.store.User;
import dev.ferry.core.store.StoreUnavailable;
import dev.ferry.core.work.AppLocks;
import dev.ferry.core.work.Leases;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two control nodes on one real PostgreSQL: shared slugs, one lease holder, builds owned and swept by node. */
class FleetCoordinationTest {

    @RegisterExtension
    static final TwoControlNodes nodes = new TwoControlNodes();

    @TempDir
    Path dir;

    @Test
    void aSlugStoredByOneNodeIsStreamedToAnotherAndStoredOnce() throws Exception {
        Path slug = dir.resolve("slug.tar.gz");
        byte[] content = new byte[12 * 1024 * 1024 + 17];
        new Random(7).nextBytes(content);
        Files.write(slug, content);
        String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));

        assertThat(nodes.b().slugArchive().contains(id)).isFalse();
        nodes.a().slugArchive().put(id, slug);
        nodes.a().slugArchive().put(id, slug);
        nodes.b().slugArchive().put(id, slug);

        SlugArchive other = nodes.b().slugArchive();
        assertThat(other.contains(id)).isTrue();
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        CountingDigest out = new CountingDigest(received);
        assertThat(other.copyTo(id, out)).isTrue();
        assertThat(out.count).isEqualTo(content.length);
        assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(id);
        assertThat(nodes.query("SELECT COUNT(*) FROM slugs")).as("one row for one id").isEqualTo("1");
        assertThat(nodes.query("SELECT COUNT(*) FROM pg_largeobject_metadata")).as("one large object").isEqualTo("1");
        assertThat(nodes.query("SELECT size_bytes FROM slugs")).isEqualTo(Long.toString(content.length));
    }

    @Test
    void aBuildsOutputIsReadThroughAnotherNodeReplacedWhenStoredAgainAndGoneWithItsApp() throws Exception {
        User admin = nodes.a().bootstrapAdmin("admin@example.com").orElseThrow().user();
        nodes.a().createApp(admin.id(), AppName.of("hello"));
        Build build = nodes.a().enqueueBuild(AppName.of("hello"), "a".repeat(40), "main", admin.id());
        Path log = Files.writeString(dir.resolve("b-1.log"), "-----> Building hello\n");
        ByteArrayOutputStream none = new ByteArrayOutputStream();
        assertThat(nodes.b().buildLogArchive().copyTo(build.id(), none)).isFalse();

        nodes.a().buildLogArchive().put(build.id(), log);
        Files.writeString(log, "-----> Released v1\n", java.nio.file.StandardOpenOption.APPEND);
        nodes.a().buildLogArchive().put(build.id(), log);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(nodes.b().buildLogArchive().copyTo(build.id(), out)).isTrue();
        assertThat(out.toString()).isEqualTo("-----> Building hello\n-----> Released v1\n");
        assertThat(nodes.query("SELECT COUNT(*) FROM pg_largeobject_metadata"))
                .as("the first one unlinked").isEqualTo("1");

        nodes.b().destroyApp(AppName.of("hello"), admin.id());
        assertThat(nodes.query("SELECT COUNT(*) FROM build_logs")).isEqualTo("0");
        assertThat(nodes.query("SELECT COUNT(*) FROM pg_largeobject_metadata"))
                .as("unlinked with its app").isEqualTo("0");
    }

    @Test
    void anUnknownSlugIsReportedAndABadIdRefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(nodes.b().slugArchive().copyTo("0".repeat(64), out)).isFalse();
        assertThat(out.size()).isZero();
        assertThatThrownBy(() -> nodes.b().slugArchive().contains("../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a slug id");
    }

    @Test
    void oneNodeHoldsALeaseUntilItLapsesOrIsGivenUp() throws Exception {
        Leases leases = nodes.a().leases();
        Duration ttl = Duration.ofMillis(800);
        assertThat(leases.hold("reconciler", "node-a", ttl)).isTrue();
        assertThat(nodes.b().leases().hold("reconciler", "node-b", ttl)).as("held by a").isFalse();
        assertThat(leases.hold("reconciler", "node-a", ttl)).as("a renews").isTrue();
        assertThat(nodes.b().leases().hold("other", "node-b", ttl)).as("another lease is free").isTrue();

        Thread.sleep(1_000); // a stops renewing
        assertThat(nodes.b().leases().hold("reconciler", "node-b", ttl)).as("b takes the lapsed lease").isTrue();
        assertThat(leases.hold("reconciler", "node-a", ttl)).as("a lost it").isFalse();

        nodes.b().leases().release("reconciler", "node-b");
        assertThat(leases.hold("reconciler", "node-a", Duration.ofMinutes(1))).as("given up: free at once").isTrue();
        nodes.b().leases().release("reconciler", "node-b");
        assertThat(nodes.b().leases().hold("reconciler", "node-b", ttl)).as("b cannot give up a's lease").isFalse();
    }

    @Test
    void aNodeRecoversOnlyItsOwnBuildsAndFailsAnotherNodesOnceItsHeartbeatStops() throws Exception {
        User admin = nodes.a().bootstrapAdmin("admin@example.com").orElseThrow().user();
        AppName app = AppName.of("hello");
        nodes.a().createApp(admin.id(), app);
        Build running = nodes.a().startBuild(nodes.a().enqueueBuild(app, "a".repeat(40), "main", admin.id()).id());
        Build queued = nodes.a().enqueueBuild(app, "b".repeat(40), "main", admin.id());
        Build ofB = nodes.b().enqueueBuild(app, "c".repeat(40), "main", admin.id());

        assertThat(nodes.a().unfinishedBuilds()).extracting(Build::id).containsExactly(running.id(), queued.id());
        assertThat(nodes.b().unfinishedBuilds()).extracting(Build::id).containsExactly(ofB.id());

        Duration timeout = Duration.ofMillis(1_500);
        Thread.sleep(1_000);
        assertThat(nodes.a().buildHeartbeats().beat()).isEqualTo(2);
        Thread.sleep(800);
        assertThat(nodes.b().buildHeartbeats().failStalled(timeout)).as("a beat 0.8 s ago").isEmpty();
        nodes.b().buildHeartbeats().beat();

        Thread.sleep(1_000); // a stops beating: its last heartbeat is 1.8 s old
        assertThat(nodes.b().buildHeartbeats().failStalled(timeout)).extracting(Build::id)
                .containsExactly(running.id(), queued.id());
        Build failed = nodes.b().build(app, running.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(failed.failure()).hasValue("the control node node-a that received this push stopped answering"
                + " (no heartbeat for 1 s); push again");
        assertThat(nodes.b().build(app, ofB.id()).orElseThrow().status()).as("b's own build")
                .isEqualTo(BuildStatus.QUEUED);
        assertThat(nodes.a().buildHeartbeats().failStalled(timeout)).as("b beat recently").isEmpty();
    }

    @Test
    void oneNodeAtATimeDeploysAnAppAndADeadHoldersLockIsFreed() {
        AppName hello = AppName.of("hello");
        AppLocks.Held held = nodes.a().appLocks().tryLock(hello).orElseThrow();
        assertThat(nodes.b().appLocks().tryLock(hello)).as("held by a").isEmpty();
        assertThat(nodes.b().appLocks().tryLock(AppName.of("other"))).as("another app is free").isPresent().get()
                .satisfies(AppLocks.Held::close);
        assertThatThrownBy(() -> nodes.b().appLocks().lock(hello, Duration.ofMillis(300)))
                .isInstanceOf(StoreUnavailable.class).hasMessageContaining("Another control node kept deploying hello");

        held.close();
        try (AppLocks.Held mine = nodes.b().appLocks().lock(hello, Duration.ofSeconds(2))) {
            assertThat(nodes.a().appLocks().tryLock(hello)).isEmpty();
        }
        assertThat(nodes.a().appLocks().tryLock(hello)).isPresent().get().satisfies(AppLocks.Held::close);
    }

    @Test
    void aLockIsFreedWhenItsHoldersSessionEnds() throws Exception {
        AppName hello = AppName.of("hello");
        AppLocks.Held held = nodes.a().appLocks().tryLock(hello).orElseThrow();
        try (Connection c = nodes.database().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted");
        }
        try (AppLocks.Held mine = nodes.b().appLocks().lock(hello, Duration.ofSeconds(2))) {
            assertThat(mine).isNotNull();
        }
        held.close();
    }

    /** Digests what is written without keeping it. */
    private static final class CountingDigest extends OutputStream {
        private final MessageDigest digest;
        long count;

        CountingDigest(MessageDigest digest) {
            this.digest = digest;
        }

        @Override
        public void write(int b) {
            digest.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int off, int len) {
            digest.update(bytes, off, len);
            count += len;
        }
    }
}
