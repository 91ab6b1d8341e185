package dev.ferry.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.store.App;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.BuildId;
import dev.ferry.core.store.DestroyedApp;
import dev.ferry.core.store.UserId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildDataCleanupTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path outside;

    @Test
    void deletesTheAppsRepositoryCacheBuildOutputAndUnsharedSlugsOnly() throws Exception {
        BuildConfig config = BuildConfig.in(dataDir);
        Path repo = Files.createDirectories(config.reposDir().resolve("legacy.git/objects/ab"));
        Files.writeString(repo.resolve("cafe"), "history");
        Path otherRepo = Files.createDirectories(config.reposDir().resolve("keeper.git"));
        Path cache = Files.createDirectories(config.cacheDir().resolve("legacy/node_modules"));
        Path precious = Files.writeString(outside.resolve("precious"), "not Ferry's");
        Files.createSymbolicLink(cache.resolve("link"), outside);
        Path log = Files.writeString(Files.createDirectories(config.buildLogsDir()).resolve("b-7.log"), "output");
        Path otherLog = Files.writeString(config.buildLogsDir().resolve("b-8.log"), "output");
        Path slug = Files.writeString(Files.createDirectories(config.slugsDir()).resolve("a".repeat(64) + ".tar.gz"), "x");
        Path shared = Files.writeString(config.slugsDir().resolve("b".repeat(64) + ".tar.gz"), "x");

        App app = new App(AppName.of("legacy"), new UserId(1), Instant.EPOCH);
        new BuildDataCleanup(config).removeDataOf(new DestroyedApp(app, List.of(), Set.of("a".repeat(64), "../../etc"),
                List.of(new BuildId(7))));

        assertThat(config.reposDir().resolve("legacy.git")).doesNotExist();
        assertThat(config.cacheDir().resolve("legacy")).doesNotExist();
        assertThat(log).doesNotExist();
        assertThat(slug).doesNotExist();
        assertThat(otherRepo).isDirectory();
        assertThat(otherLog).isRegularFile();
        assertThat(shared).isRegularFile();
        assertThat(precious).as("links are removed, never followed").hasContent("not Ferry's");
    }

    @Test
    void succeedsWhenThereIsNothingToDelete() throws Exception {
        App app = new App(AppName.of("fresh"), new UserId(1), Instant.EPOCH);
        new BuildDataCleanup(BuildConfig.in(dataDir)).removeDataOf(DestroyedApp.leftoversOf(app));
        assertThat(dataDir.resolve("repos")).doesNotExist();
    }

    @Test
    void movesTheRepositoryAndCacheOfARenamedAppOverWhatAnEarlierAppOfTheNewNameLeft() throws Exception {
        BuildConfig config = BuildConfig.in(dataDir);
        Path repo = Files.createDirectories(config.reposDir().resolve("hello.git/objects/ab"));
        Files.writeString(repo.resolve("cafe"), "history");
        Files.writeString(Files.createDirectories(config.cacheDir().resolve("hello")).resolve("deps"), "cached");
        Files.writeString(Files.createDirectories(config.reposDir().resolve("greeting.git")).resolve("stale"), "old");
        Path otherRepo = Files.createDirectories(config.reposDir().resolve("keeper.git"));

        new BuildDataCleanup(config).moveDataOf(AppName.of("hello"), AppName.of("greeting"));

        assertThat(config.reposDir().resolve("hello.git")).doesNotExist();
        assertThat(config.cacheDir().resolve("hello")).doesNotExist();
        assertThat(config.reposDir().resolve("greeting.git/objects/ab/cafe")).hasContent("history");
        assertThat(config.reposDir().resolve("greeting.git/stale")).as("the earlier app's leftovers").doesNotExist();
        assertThat(config.cacheDir().resolve("greeting/deps")).hasContent("cached");
        assertThat(otherRepo).isDirectory();
    }
}
