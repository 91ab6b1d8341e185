package dev.ferry.control.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.control.RunningControlServer;
import dev.ferry.control.reconcile.Reconciler;
import dev.ferry.core.autoscale.AutoscaleDecision;
import dev.ferry.core.autoscale.LatencyWindow;
import dev.ferry.core.log.LogLine;
import dev.ferry.core.runtime.Instance;
import dev.ferry.core.store.AppName;
import dev.ferry.testing.MemoryAppLogs;
import dev.ferry.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The autoscaler over a real store and reconciler (the runtime is the control plane's fake): each decision changes
 * the formation as {@code ps:scale} does, runs through the reconciler, is a log line and an event, and is remembered,
 * so that neither a second look nor a restart of Ferry undoes the cool-down; a manual scale of web turns it off.
 */
class AutoscalerTest {

    private static final AppName HELLO = AppName.of("hello");

    private final RunningControlServer api = new RunningControlServer(store ->
            List.of(new AutoscaleApi(store, store, store, store.autoscale())));
    private final MutableClock clock = new MutableClock();
    private final MemoryAppLogs logs = new MemoryAppLogs();
    private volatile LatencyWindow latency = LatencyWindow.EMPTY;
    private Reconciler reconciler;

    @BeforeEach
    void deployHello() {
        assertThat(api.call("POST", "/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
        reconciler = new Reconciler(api.store, api.store, api.runtime);
        assertThat(reconciler.release(HELLO, () -> api.store.createDeployRelease(HELLO, "slug-1", "abcdef0123",
                Map.of("web", "./server"), api.admin.id()), line -> { }).succeeded()).isTrue();
        assertThat(api.call("PUT", "/api/apps/hello/autoscale", "{\"min\":1,\"max\":3,\"p95Ms\":500}").statusCode())
                .isEqualTo(200);
        clock.advance(Duration.between(clock.instant(), Instant.now().plusMillis(1))); // the store's clock is the system's
    }

    @AfterEach
    void stop() {
        reconciler.close();
        api.close();
    }

    private Autoscaler autoscaler() {
        return new Autoscaler(api.store.autoscale(), api.store, reconciler, logs,
                (app, from, to) -> latency, AutoscaleConfig.DEFAULT, clock);
    }

    private long webInstances() {
        return api.runtime.actual(HELLO).instances().stream().map(Instance::type).filter("web"::equals).count();
    }

    @Test
    void scalesUpThroughTheReconcilerWithALogLineAndAnEventThenWaitsForTheCoolDown() {
        latency = new LatencyWindow(140, Duration.ofMillis(812));
        clock.advance(Duration.ofMinutes(2));
        try (Autoscaler autoscaler = autoscaler()) {
            List<AutoscaleDecision> applied = autoscaler.tick();
            assertThat(applied).extracting(AutoscaleDecision::reason)
                    .containsExactly("autoscale: web 1→2, p95 812 ms > 500 ms");
            await().atMost(Duration.ofSeconds(5)).until(() -> webInstances() == 2);
            assertThat(api.store.formation(HELLO).quantity("web")).isEqualTo(2);
            assertThat(api.runtime.calls).contains("scale hello {web=2}");
            LogLine line = logs.recent(HELLO, 10, Optional.empty()).getLast();
            assertThat(line.source()).isEqualTo(LogLine.FERRY);
            assertThat(line.process()).isEqualTo("autoscale");
            assertThat(line.text()).isEqualTo("autoscale: web 1→2, p95 812 ms > 500 ms");
            JsonNode event = RunningControlServer.json(api.call("GET", "/api/apps/hello/events", null)).get(0);
            assertThat(event.get("action").asText()).isEqualTo("formation.autoscale");
            assertThat(event.get("detail").asText()).isEqualTo("autoscale: web 1→2, p95 812 ms > 500 ms");

            assertThat(autoscaler.tick()).as("within the cool-down").isEmpty();
        }
        try (Autoscaler restarted = autoscaler()) {
            clock.advance(Duration.ofMinutes(1));
            assertThat(restarted.tick()).as("the cool-down survives a restart").isEmpty();
            clock.advance(Duration.ofMinutes(1));
            assertThat(restarted.tick()).extracting(AutoscaleDecision::to).containsExactly(3);
            clock.advance(Duration.ofMinutes(10));
            assertThat(restarted.tick()).as("never above max").isEmpty();

            latency = new LatencyWindow(4000, Duration.ofMillis(40));
            assertThat(restarted.tick()).extracting(AutoscaleDecision::reason)
                    .containsExactly("autoscale: web 3→2, p95 40 ms < 250 ms (half of 500 ms)");
            await().atMost(Duration.ofSeconds(5)).until(() -> webInstances() == 2);
        }
        JsonNode info = RunningControlServer.json(api.call("GET", "/api/apps/hello/autoscale", null));
        assertThat(info.get("quantity").asInt()).isEqualTo(2);
        assertThat(info.get("decisions")).hasSize(3);
        assertThat(info.get("decisions").get(0).get("to").asInt()).isEqualTo(2);
        assertThat(info.get("decisions").get(0).get("p95Ms").asLong()).isEqualTo(40);
    }

    @Test
    void decidesNothingWhileAnotherControlNodeLeads() {
        latency = new LatencyWindow(140, Duration.ofMillis(812));
        clock.advance(Duration.ofMinutes(2));
        java.util.concurrent.atomic.AtomicBoolean leads = new java.util.concurrent.atomic.AtomicBoolean(false);
        try (Autoscaler follower = new Autoscaler(api.store.autoscale(), api.store, reconciler, logs,
                (app, from, to) -> latency, AutoscaleConfig.DEFAULT, clock, leads::get)) {
            assertThat(follower.tick()).as("another node leads").isEmpty();
            assertThat(api.store.formation(HELLO).quantity("web")).isEqualTo(1);

            leads.set(true);
            assertThat(follower.tick()).extracting(AutoscaleDecision::to).containsExactly(2);
        }
    }

    @Test
    void aManualScaleOfWebTurnsAutoscalingOff() {
        assertThat(api.call("PATCH", "/api/apps/hello/formation", "{\"web\":2}").statusCode()).isEqualTo(200);
        JsonNode info = RunningControlServer.json(api.call("GET", "/api/apps/hello/autoscale", null));
        assertThat(info.get("enabled").asBoolean()).isFalse();
        assertThat(info.get("quantity").asInt()).isEqualTo(2);
        JsonNode event = RunningControlServer.json(api.call("GET", "/api/apps/hello/events", null)).get(0);
        assertThat(event.get("action").asText()).isEqualTo("autoscale.disable");
        assertThat(event.get("detail").asText()).isEqualTo("Stop autoscaling web: web scaled by hand to 2");

        latency = new LatencyWindow(1000, Duration.ofSeconds(3));
        clock.advance(Duration.ofHours(1));
        try (Autoscaler autoscaler = autoscaler()) {
            assertThat(autoscaler.tick()).isEmpty();
        }
        assertThat(api.store.formation(HELLO).quantity("web")).isEqualTo(2);
    }

    @Test
    void aScaleOfAnotherTypeLeavesAutoscalingOn() {
        assertThat(api.call("PATCH", "/api/apps/hello/formation", "{\"web\":1}").statusCode()).isEqualTo(200);
        assertThat(api.call("PUT", "/api/apps/hello/autoscale", "{\"min\":1,\"max\":3,\"p95Ms\":500}").statusCode())
                .isEqualTo(200);
        api.store.createDeployRelease(HELLO, "slug-2", "bcdef01234", Map.of("web", "./server", "worker", "./w"),
                api.admin.id());
        assertThat(api.call("PATCH", "/api/apps/hello/formation", "{\"worker\":1}").statusCode()).isEqualTo(200);
        assertThat(RunningControlServer.json(api.call("GET", "/api/apps/hello/autoscale", null)).get("enabled")
                .asBoolean()).isTrue();
    }

    @Test
    void bringsWebIntoANewRuleAtItsNextLook() {
        assertThat(api.call("PUT", "/api/apps/hello/autoscale", "{\"min\":2,\"max\":3,\"p95Ms\":500}").statusCode())
                .isEqualTo(200);
        try (Autoscaler autoscaler = autoscaler()) {
            assertThat(autoscaler.tick()).extracting(AutoscaleDecision::reason)
                    .containsExactly("autoscale: web 1→2, up to the minimum 2");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> webInstances() == 2);
    }
}
