package dev.ferry.control.reconcile;

import static dev.ferry.control.RunningControlServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.control.RunningControlServer;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseStatus;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Config changes, rollbacks, scaling and destroying reach the runtime, and a failed deploy changes nothing that runs. */
class DeploymentsTest {

    private static final AppName HELLO = AppName.of("hello");
    private static final String UNHEALTHY = "web.1 did not become healthy within 60 s";

    private final RunningControlServer api = new RunningControlServer();
    private Reconciler reconciler;

    @BeforeEach
    void createApp() {
        assertThat(api.call("POST", "/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
        reconciler = new Reconciler(api.store, api.store, api.runtime);
    }

    @AfterEach
    void stop() {
        reconciler.close();
        api.close();
    }

    private Deployed push(String slug) {
        return reconciler.release(HELLO, () -> api.store.createDeployRelease(HELLO, slug, "abcdef0123", Map.of("web", "./server"),
                api.admin.id()), line -> { });
    }

    @Test
    void deploysAPushAndMarksItSucceeded() {
        List<String> progress = new ArrayList<>();
        Deployed d = reconciler.release(HELLO, () -> api.store.createDeployRelease(HELLO, "slug-1", "abcdef0123",
                Map.of("web", "./server"), api.admin.id()), progress::add);

        assertThat(d.succeeded()).isTrue();
        assertThat(d.release().status()).isEqualTo(ReleaseStatus.SUCCEEDED);
        assertThat(d.outcome()).isEqualTo("v1 is running");
        assertThat(progress).containsExactly("Starting v1");
        assertThat(api.runtime.calls).containsExactly("deploy hello v1");
        assertThat(api.store.currentRelease(HELLO)).contains(d.release());
    }

    @Test
    void aRuntimeThatBreaksFailsTheDeployWithoutTheServersPaths() {
        api.runtime.throwOnNextDeploy(new IllegalStateException("cannot create /srv/ferry/data/apps/hello/v1: read-only"));

        Deployed d = push("slug-1");

        assertThat(d.succeeded()).isFalse();
        assertThat(d.outcome()).contains("the runtime failed: cannot create <server path>").doesNotContain("/srv");
    }

    @Test
    void rollsTheInstancesOnAConfigChangeOfADeployedApp() {
        push("slug-1");

        HttpResponse<String> set = api.call("PATCH", "/api/apps/hello/config", "{\"GREETING\":\"hi\"}");

        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(api.runtime.calls).containsExactly("deploy hello v1", "deploy hello v2");
        Release current = api.store.currentRelease(HELLO).orElseThrow();
        assertThat(current.version()).isEqualTo(2);
        assertThat(current.config().get("GREETING")).contains("hi");
    }

    @Test
    void runsNothingForTheConfigOfAnAppWithoutCode() {
        assertThat(api.call("PATCH", "/api/apps/hello/config", "{\"A\":\"1\"}").statusCode()).isEqualTo(200);

        assertThat(api.runtime.calls).isEmpty();
        assertThat(api.store.currentRelease(HELLO).orElseThrow().status()).isEqualTo(ReleaseStatus.SUCCEEDED);
    }

    @Test
    void keepsThePreviousReleaseWhenAConfigDeployFailsAndListsWhy() {
        push("slug-1");
        api.runtime.failNextDeploy(UNHEALTHY);

        assertThat(api.call("PATCH", "/api/apps/hello/config", "{\"BROKEN\":\"1\"}").statusCode()).isEqualTo(200);

        assertThat(api.store.currentRelease(HELLO).orElseThrow().version()).isEqualTo(1);
        JsonNode releases = json(api.call("GET", "/api/apps/hello/releases", null));
        assertThat(releases.get(0).get("status").asText()).isEqualTo("failed");
        assertThat(releases.get(0).get("failure").asText()).isEqualTo(UNHEALTHY);
        assertThat(releases.get(1).has("failure")).isFalse();
    }

    @Test
    void deploysARollbackAndAnswersItsOutcome() {
        push("slug-1");
        push("slug-2");

        HttpResponse<String> back = api.call("POST", "/api/apps/hello/releases/rollback", null);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(201);
        assertThat(json(back).get("status").asText()).isEqualTo("succeeded");
        assertThat(api.runtime.calls).last().isEqualTo("deploy hello v3");
        assertThat(api.store.currentRelease(HELLO).orElseThrow().slugId()).contains("slug-1");

        api.runtime.failNextDeploy(UNHEALTHY);
        HttpResponse<String> failed = api.call("POST", "/api/apps/hello/releases/rollback", "{\"version\":2}");
        assertThat(failed.statusCode()).isEqualTo(201);
        assertThat(json(failed).get("status").asText()).isEqualTo("failed");
        assertThat(json(failed).get("failure").asText()).isEqualTo(UNHEALTHY);
        assertThat(api.store.currentRelease(HELLO).orElseThrow().version()).isEqualTo(3);
    }

    @Test
    void tellsThePusherWhatKeepsRunningWhenADeployFails() {
        push("slug-1");
        api.runtime.failNextDeploy(UNHEALTHY);

        Deployed d = push("slug-2");

        assertThat(d.succeeded()).isFalse();
        assertThat(d.release().status()).isEqualTo(ReleaseStatus.FAILED);
        assertThat(d.outcome()).isEqualTo("Deploy failed: " + UNHEALTHY + "; v1 keeps running");
    }

    @Test
    void scalesAndDestroysThroughTheRuntime() {
        push("slug-1");

        assertThat(api.call("PATCH", "/api/apps/hello/formation", "{\"web\":3}").statusCode()).isEqualTo(200);
        assertThat(api.call("DELETE", "/api/apps/hello", null).statusCode()).isEqualTo(204);

        assertThat(api.runtime.calls).containsExactly("deploy hello v1", "scale hello {web=3}", "destroy hello");
    }

    @Test
    void resumesEveryAppsCurrentReleaseAndFailsThoseLeftPending() throws Exception {
        push("slug-1");
        Release interrupted = api.store.createDeployRelease(HELLO, "slug-2", "0123456789", Map.of("web", "./server"),
                api.admin.id());
        assertThat(api.call("POST", "/api/apps", "{\"name\":\"nocode\"}").statusCode()).isEqualTo(201);
        api.runtime.calls.clear();
        api.runtime.forgetAll(); // a platform that starts again runs nothing yet

        reconciler.start().get(10, TimeUnit.SECONDS);

        assertThat(api.runtime.calls).containsExactly("deploy hello v1");
        assertThat(api.store.release(HELLO, interrupted.version()).orElseThrow().status()).isEqualTo(ReleaseStatus.FAILED);
        assertThat(json(api.call("GET", "/api/apps/hello/releases", null)).get(0).get("failure").asText())
                .isEqualTo(Reconciler.INTERRUPTED);
    }
}
