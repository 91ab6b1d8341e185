package dev.ferry.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.build.RepositoryArchive;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.StoreUnavailable;
import dev.ferry.core.store.User;
import dev.ferry.core.work.AppLocks;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The apps' repositories shared by two control nodes on one real PostgreSQL (decision 035). */
class SharedRepositoriesTest {

    @RegisterExtension
    static final PostgresServerExtension server = new PostgresServerExtension();

    @TempDir
    Path dir;

    private TwoControlNodes nodes;
    private PostgresStore a;
    private PostgresStore b;
    private User admin;

    @BeforeEach
    void twoNodes() throws Exception {
        nodes = TwoControlNodes.open(server.server());
        a = nodes.a();
        b = nodes.b();
        admin = a.bootstrapAdmin("admin@example.com").orElseThrow().user();
    }

    @AfterEach
    void close() {
        nodes.close();
    }

    @Test
    void aRepositoryStoredThroughOneNodeIsReadThroughTheOtherReplacedWithAGreaterVersionAndKeptAcrossARename()
            throws Exception {
        AppName hello = AppName.of("hello");
        a.createApp(admin.id(), hello);
        RepositoryArchive other = b.repositoryArchive();
        assertThat(other.version(hello)).as("nothing stored yet").isZero();
        assertThat(other.copyTo(hello, new ByteArrayOutputStream())).isZero();

        long first = a.repositoryArchive().put(hello, Files.writeString(dir.resolve("1.bundle"), "first"));
        long second = a.repositoryArchive().put(hello, Files.writeString(dir.resolve("2.bundle"), "second"));
        assertThat(second).isGreaterThan(first).isPositive();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(other.copyTo(hello, out)).isEqualTo(second);
        assertThat(out.toString()).isEqualTo("second");
        assertThat(nodes.query("SELECT COUNT(*) FROM pg_largeobject_metadata"))
                .as("the first one unlinked").isEqualTo("1");

        a.renameApp(hello, AppName.of("howdy"), admin.id());
        assertThat(other.version(AppName.of("howdy"))).as("kept under the new name").isEqualTo(second);
        assertThat(other.version(hello)).isZero();
    }

    @Test
    void anAppMadeAgainAfterItsDestructionStartsWithNoneAndAGreaterVersionThanTheOldApps() throws Exception {
        AppName hello = AppName.of("hello");
        a.createApp(admin.id(), hello);
        long old = a.repositoryArchive().put(hello, Files.writeString(dir.resolve("old.bundle"), "old"));
        b.destroyApp(hello, admin.id());
        assertThat(nodes.query("SELECT COUNT(*) FROM pg_largeobject_metadata"))
                .as("unlinked with its app").isEqualTo("0");
        assertThat(a.repositoryArchive().put(hello, dir.resolve("old.bundle"))).as("no app, nothing stored").isZero();

        a.createApp(admin.id(), hello);
        assertThat(b.repositoryArchive().version(hello)).isZero();
        assertThat(a.repositoryArchive().put(hello, dir.resolve("old.bundle"))).isGreaterThan(old);
    }

    @Test
    void onePushAtATimeHoldsAnAppsRepositoryApartFromItsDeployLock() {
        AppName hello = AppName.of("hello");
        try (AppLocks.Held pushing = a.repositoryArchive().lock(hello, Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> b.repositoryArchive().lock(hello, Duration.ofMillis(300)))
                    .isInstanceOf(StoreUnavailable.class)
                    .hasMessageContaining("Another control node kept receiving a push to hello");
            assertThat(b.appLocks().tryLock(hello)).as("the push's deploy takes this one").isPresent().get()
                    .satisfies(AppLocks.Held::close);
        }
        try (AppLocks.Held next = b.repositoryArchive().lock(hello, Duration.ofSeconds(1))) {
            assertThat(next).isNotNull();
        }
    }
}
