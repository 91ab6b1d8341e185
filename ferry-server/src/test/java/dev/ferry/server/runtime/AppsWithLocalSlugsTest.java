package dev.ferry.server.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.build.slug.SlugStore;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.UserId;
import dev.ferry.store.sql.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppsWithLocalSlugsTest {

    private static final String HERE = "a".repeat(64);
    private static final String ELSEWHERE = "b".repeat(64);

    @TempDir
    Path dir;

    @Test
    void reconcilesOnlyTheAppsWhoseNewestReleaseWasBuiltOnThisNode() throws Exception {
        try (SqliteStore store = SqliteStore.openInDataDir(dir.resolve("data"))) {
            UserId admin = store.bootstrapAdmin("admin@example.com").orElseThrow().user().id();
            SlugStore slugs = new SlugStore(Files.createDirectories(dir.resolve("slugs")));
            Files.writeString(slugs.file(HERE), "slug");
            for (String app : new String[] {"local", "remote", "moved", "empty"}) {
                store.createApp(admin, new AppName(app));
            }
            store.createDeployRelease(new AppName("local"), HERE, "abcdef0", Map.of("web", "run"), admin);
            store.createDeployRelease(new AppName("remote"), ELSEWHERE, "abcdef1", Map.of("web", "run"), admin);
            store.createDeployRelease(new AppName("moved"), HERE, "abcdef2", Map.of("web", "run"), admin);
            store.createDeployRelease(new AppName("moved"), ELSEWHERE, "abcdef3", Map.of("web", "run"), admin);

            AppsWithLocalSlugs apps = new AppsWithLocalSlugs(store, store, slugs);

            assertThat(apps.allApps()).extracting(App::name).containsExactly(new AppName("local"));
            assertThat(apps.app(new AppName("remote"))).as("every other call reads the whole store").isPresent();
        }
    }
}
