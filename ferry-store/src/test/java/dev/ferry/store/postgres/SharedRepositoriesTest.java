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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The apps' repositories shared by two control nodes on one real PostgreSQL (decision 035). */
class SharedRepositoriesTest {

    @RegisterExtension
    static final TwoControlNodes nodes = new TwoControlNodes();

    @TempDir
    Path dir;

    private User admin;

    @BeforeEach
    void bootstrapAdmin() {
        admin = nodes.a().bootstrapAdmin("admin@example.com").orElseThrow().user();
    }

    @Test
    void aRepositoryStoredThroughOneNodeIsReadThroughTheOtherReplacedWithAGreaterVersionAndKeptAcrossARename()
            throws Exception {
        AppName hello = AppName.of("hello");
        nodes.a().createApp(admin.id(), hello);
        RepositoryArchive other = nodes.b().repositoryArchive();
        assertThat(other.version(hello)).as("nothing stored yet").isZero();
        assertThat(other.copyTo(hello, new ByteArrayOutputStream())).isZero();

        long first = nodes.a().repositoryArchive().put(hello, Files.writeString(dir.resolve("1.bundle"), "first"));
        long second = nodes.a().repositoryArchive().put(hello, Files.writeString(dir.resolve("2.bundle"), "second"));
        assertThat(second).isGreaterThan(first).isPositive();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(other.copyTo(hello, out)).isEqualTo(second);
        assertThat(out.toString()).isEqualTo("second");
        assertThat(nodes.query("SELECT COUNT(*) FROM pg_largeobject_metadata"))
                .as("the first one unlinked").isEqualTo("1");

        nodes.a().renameApp(hello, AppName.of("howdy"), admin.id());
        assertThat(other.version(AppName.of("howdy"))).as("kept under the new name").isEqualTo(second);
        assertThat(other.version(hello)).isZero();
    }

    @Test
    void anAppMadeAgainAfterItsDestructionStartsWithNoneAndAGreaterVersionThanTheOldApps() throws Exception {
        AppName hello = AppName.of("hello");
        nodes.a().createApp(admin.id(), hello);
        long old = nodes.a().repositoryArchive().put(hello, Files.writeString(dir.resolve("old.bundle"), "old"));
        nodes.b().destroyApp(hello, admin.id());
        assertThat(nodes.query("SELECT COUNT(*) FROM pg_largeobject_metadata"))
                .as("unlinked with its app").isEqualTo("0");
        assertThat(nodes.a().repositoryArchive().put(hello, dir.resolve("old.bundle"))).as("no app, nothing stored")
                .isZero();

        nodes.a().createApp(admin.id(), hello);
        assertThat(nodes.b().repositoryArchive().version(hello)).isZero();
        assertThat(nodes.a().repositoryArchive().put(hello, dir.resolve("old.bundle"))).isGreaterThan(old);
    }

    @Test
    void onePushAtATimeHoldsAnAppsRepositoryApartFromItsDeployLock() {
        AppName hello = AppName.of("hello");
        try (AppLocks.Held pushing = nodes.a().repositoryArchive().lock(hello, Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> nodes.b().repositoryArchive().lock(hello, Duration.ofMillis(300)))
                    .isInstanceOf(StoreUnavailable.class)
                    .hasMessageContaining("Another control node kept receiving a push to hello");
            assertThat(nodes.b().appLocks().tryLock(hello)).as("the push's deploy takes this one").isPresent().get()
                    .satisfies(AppLocks.Held::close);
        }
        try (AppLocks.Held next = nodes.b().repositoryArchive().lock(hello, Duration.ofSeconds(1))) {
            assertThat(next).isNotNull();
        }
    }
}
