package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.control.RunningControlServer;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Build;
import dev.ferry.testing.CommandRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code builds} and {@code builds:output} against a real API over a real SQLite store. */
class BuildCommandsTest {

    private static final String COMMIT = "1a2b3c4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d";

    @TempDir
    Path home;

    private RunningControlServer api;
    private CliRun cli;

    @BeforeEach
    void start() {
        api = new RunningControlServer();
        cli = CliRun.asAdminOf(api, home);
        api.store.createApp(api.admin.id(), AppName.of("hello"));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private Build succeeded(String buildpack, int release) {
        Build b = api.store.enqueueBuild(AppName.of("hello"), COMMIT, "main", api.admin.id());
        api.store.startBuild(b.id());
        api.store.succeedBuild(b.id(), buildpack);
        return api.store.recordBuildRelease(b.id(), release);
    }

    @Test
    void listsBuildsNewestFirstAsATableOrJson() throws Exception {
        assertThat(cli.run("builds", "-a", "hello").out()).isEqualTo("hello has no builds yet: git push to its main branch to build it.\n");
        Build first = succeeded("Procfile", 1);
        Build failed = api.store.enqueueBuild(AppName.of("hello"), COMMIT, "main", api.admin.id());
        api.store.failBuild(failed.id(), "no buildpack detected");

        CommandRunner.Result table = cli.run("builds", "-a", "hello");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).startsWith("=== hello Builds\n");
        assertThat(table.out().lines().skip(1).findFirst().orElseThrow())
                .startsWith("ID").contains("STATUS", "COMMIT", "BUILDPACK", "STARTED", "DURATION");
        assertThat(table.out().indexOf(failed.id() + " ")).isLessThan(table.out().indexOf(first.id() + " "));
        assertThat(table.out()).contains("succeeded (v1)", "1a2b3c4", "Procfile", "failed");

        CommandRunner.Result json = cli.run("builds", "-a", "hello", "--json");
        JsonNode builds = new ObjectMapper().readTree(json.out());
        assertThat(builds).hasSize(2);
        assertThat(builds.get(0).get("id").asText()).isEqualTo(failed.id().toString());
        assertThat(builds.get(1).get("release").asInt()).isEqualTo(1);
    }

    @Test
    void saysWhenABuildSucceededButItsReleaseFailedToDeploy() {
        AppName hello = AppName.of("hello");
        var release = api.store.createDeployRelease(hello, "slug-1", COMMIT, java.util.Map.of("web", "x"), api.admin.id());
        succeeded("Procfile", release.version());
        assertThat(cli.run("builds", "-a", "hello").out()).contains("deploying (v1)");
        api.store.failRelease(hello, release.version(), "web.1 did not become healthy", api.admin.id());

        CommandRunner.Result table = cli.run("builds", "-a", "hello");

        assertThat(table.out()).contains("failed to deploy (v1)").doesNotContain("succeeded");
        assertThat(cli.run("builds", "-a", "hello", "--json").out()).contains("\"status\":\"succeeded\"")
                .contains("\"releaseStatus\":\"failed\"");
    }

    @Test
    void printsTheOutputOfABuild() {
        Build b = succeeded("Procfile", 1);
        api.buildOutput.put(b.id(), "-----> Procfile app detected\n-----> Released v1 (Deploy 1a2b3c4)\n");

        CommandRunner.Result r = cli.run("builds:output", b.id().toString(), "-a", "hello");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("-----> Procfile app detected\n-----> Released v1 (Deploy 1a2b3c4)\n");
    }

    @Test
    void saysWhenThereIsNoSuchBuild() {
        CommandRunner.Result r = cli.run("builds:output", "b-404", "-a", "hello");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("ferry: The app hello has no build b-404.\n");
    }
}
