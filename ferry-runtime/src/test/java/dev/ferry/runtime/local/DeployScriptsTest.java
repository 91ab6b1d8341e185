package dev.ferry.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.runtime.DeployResult;
import dev.ferry.core.runtime.InstanceState;
import dev.ferry.core.store.AppName;
import dev.ferry.runtime.sandbox.SandboxMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dokku's {@code scripts.dokku.predeploy} and {@code postdeploy} from a release's {@code app.json}. */
class DeployScriptsTest {

    private static final Map<String, String> TYPES = Map.of("web", "python3 -u server.py",
            "release", "echo release-phase");

    @TempDir
    Path tmp;
    TestApps apps;
    LocalRuntime runtime;

    @BeforeEach
    void start() {
        apps = new TestApps(tmp);
        runtime = apps.runtime(SandboxMode.AUTO);
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private DeployResult deploy(String slugId, List<String> progress) {
        return runtime.deploy(TestApps.release("hello", 1, slugId, TYPES, Map.of()),
                TestApps.formation("hello", Map.of("web", 1)), progress::add);
    }

    @Test
    void runsPredeployBeforeTheReleasePhaseAndPostdeployAfterTheSwitch() throws Exception {
        String slug = apps.slug("s1", Map.of("server.py", TestApps.SERVER, "app.json", """
                {
                  // as in Dokku's own test apps
                  "scripts": {"dokku": {"predeploy": "echo pre-phase", "postdeploy": "echo post-phase",},},
                }
                """));
        List<String> progress = new CopyOnWriteArrayList<>();

        DeployResult result = deploy(slug, progress);

        assertThat(result.succeeded()).as(result.reason()).isTrue();
        List<String> order = progress.stream().filter(l -> l.contains("-phase") && !l.contains("command:")
                || l.contains(" is up")).map(String::strip).toList();
        assertThat(order).containsExactly("pre-phase", "release-phase", "-----> v1 is up", "post-phase");
        assertThat(apps.logs.texts("predeploy")).contains("pre-phase");
        assertThat(apps.logs.texts("postdeploy")).contains("post-phase");
    }

    @Test
    void aFailedPredeployStopsTheDeployBeforeAnyInstanceStarts() throws Exception {
        String slug = apps.slug("s2", Map.of("server.py", TestApps.SERVER, "app.json",
                "{\"scripts\": {\"dokku\": {\"predeploy\": \"echo no database; exit 3\"}}}"));
        List<String> progress = new CopyOnWriteArrayList<>();

        DeployResult result = deploy(slug, progress);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.reason()).isEqualTo("predeploy command failed with exit code 3");
        assertThat(progress).anyMatch(l -> l.contains("no database")).noneMatch(l -> l.contains("release-phase"));
        assertThat(runtime.instances(AppName.of("hello"))).isEmpty();
    }

    @Test
    void aFailedPostdeployIsReportedAndTheReleaseStays() throws Exception {
        String slug = apps.slug("s3", Map.of("server.py", TestApps.SERVER, "app.json",
                "{\"scripts\": {\"dokku\": {\"postdeploy\": \"exit 5\"}}}"));
        List<String> progress = new CopyOnWriteArrayList<>();

        DeployResult result = deploy(slug, progress);

        assertThat(result.succeeded()).as(result.reason()).isTrue();
        assertThat(progress).contains(" !     postdeploy command failed with exit code 5; v1 stays");
        assertThat(runtime.instances(AppName.of("hello"))).singleElement()
                .satisfies(i -> assertThat(i.state()).isEqualTo(InstanceState.UP));
        assertThat(apps.logs.texts("runtime")).anyMatch(t -> t.contains("postdeploy of v1 failed"));
    }
}
