package dev.ferry.control.builds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.control.RunningControlServer;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Build;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BuildsApiTest {

    private static final String COMMIT = "1a2b3c4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d";

    private final RunningControlServer api = new RunningControlServer();
    private Build failed;
    private Build released;
    private Build queued;

    @BeforeEach
    void builds() {
        api.store.createApp(api.admin.id(), AppName.of("hello"));
        api.store.createApp(api.admin.id(), AppName.of("other"));
        failed = api.store.enqueueBuild(AppName.of("hello"), COMMIT, "main", api.admin.id());
        api.store.startBuild(failed.id());
        api.store.failBuild(failed.id(), "no buildpack detected");
        released = api.store.enqueueBuild(AppName.of("hello"), COMMIT, "main", api.admin.id());
        api.store.startBuild(released.id());
        api.store.succeedBuild(released.id(), "Procfile");
        api.store.recordBuildRelease(released.id(), 3);
        queued = api.store.enqueueBuild(AppName.of("hello"), COMMIT, "master", api.admin.id());
        api.buildOutput.put(failed.id(), "-----> Building hello from main (1a2b3c4)\n !     no buildpack detected\n");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void listsAnAppsBuildsNewestFirstInPages() {
        HttpResponse<String> r = api.call("GET", "/api/apps/hello/builds?limit=2", null);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode list = RunningControlServer.json(r);
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("id").asText()).isEqualTo(queued.id().toString());
        assertThat(list.get(0).get("status").asText()).isEqualTo("queued");
        assertThat(list.get(0).get("startedAt").isNull()).isTrue();
        assertThat(list.get(1).get("status").asText()).isEqualTo("succeeded");
        assertThat(list.get(1).get("buildpack").asText()).isEqualTo("Procfile");
        assertThat(list.get(1).get("release").asInt()).isEqualTo(3);
        assertThat(list.get(1).get("createdBy").asText()).isEqualTo("admin@localhost");
        assertThat(r.headers().firstValue("Link")).hasValueSatisfying(link -> assertThat(link).contains("rel=\"next\""));
    }

    @Test
    void writesABuildsMissingValuesAsNullAndLeavesOutTheStatusOfAReleaseItHasNot() {
        JsonNode build = RunningControlServer.json(api.call("GET", "/api/apps/hello/builds/" + queued.id(), null));

        assertThat(build.propertyStream().map(java.util.Map.Entry::getKey).toList()).containsExactly("id", "app", "status",
                "commit", "branch", "buildpack", "release", "failure", "createdBy", "createdAt", "startedAt",
                "finishedAt", "durationSeconds");
        assertThat(build.get("buildpack").isNull()).isTrue();
        assertThat(build.get("release").isNull()).isTrue();
        assertThat(build.get("durationSeconds").isNull()).isTrue();
        // v3 of the build released before is not in the store: no status to tell
        JsonNode unknown = RunningControlServer.json(api.call("GET", "/api/apps/hello/builds/" + released.id(), null));
        assertThat(unknown.has("releaseStatus")).isFalse();
        assertThat(api.call("PATCH", "/api/apps/hello/config", "{\"A\":\"1\"}").statusCode()).isEqualTo(200);
        Build deployed = api.store.enqueueBuild(AppName.of("hello"), COMMIT, "main", api.admin.id());
        api.store.startBuild(deployed.id());
        api.store.succeedBuild(deployed.id(), "Procfile");
        api.store.recordBuildRelease(deployed.id(), 1);
        JsonNode known = RunningControlServer.json(api.call("GET", "/api/apps/hello/builds/" + deployed.id(), null));
        assertThat(known.get("releaseStatus").asText()).isEqualTo("succeeded");
    }

    @Test
    void showsOneBuildWithItsFailure() {
        JsonNode build = RunningControlServer.json(api.call("GET", "/api/apps/hello/builds/" + failed.id(), null));

        assertThat(build.get("status").asText()).isEqualTo("failed");
        assertThat(build.get("failure").asText()).isEqualTo("no buildpack detected");
        assertThat(build.get("commit").asText()).isEqualTo(COMMIT);
        assertThat(build.get("durationSeconds").isNumber()).isTrue();
    }

    @Test
    void servesTheKeptOutputAsText() {
        HttpResponse<String> r = api.call("GET", "/api/apps/hello/builds/" + failed.id() + "/output", null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(r.body()).isEqualTo("-----> Building hello from main (1a2b3c4)\n !     no buildpack detected\n");
        assertThat(api.call("GET", "/api/apps/hello/builds/" + queued.id() + "/output", null).body()).isEmpty();
    }

    @Test
    void refusesUnknownBuildsOtherAppsBuildsAndUsersWithoutAccess() {
        RunningControlServer.assertError(api.call("GET", "/api/apps/other/builds/" + failed.id(), null), 404, "build_not_found");
        RunningControlServer.assertError(api.call("GET", "/api/apps/hello/builds/b-999", null), 404, "build_not_found");
        RunningControlServer.assertError(api.call("GET", "/api/apps/hello/builds/nonsense/output", null), 404, "build_not_found");
        RunningControlServer.assertError(api.call("GET", "/api/apps/nope/builds", null), 404, "app_not_found");
        String bob = api.newUser("bob@example.com");
        RunningControlServer.assertError(api.call("GET", "/api/apps/hello/builds", null, bob), 404, "app_not_found");
        RunningControlServer.assertError(api.call("GET", "/api/apps/hello/builds/" + failed.id() + "/output", null, bob),
                404, "app_not_found");
    }
}
