package dev.ferry.server.e2e;

import static dev.ferry.server.e2e.FleetNodeConfigs.routerConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.AppName;
import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.config.FerryConfigResolver;
import dev.ferry.server.router.RouterNode;
import dev.ferry.store.route.RedisServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The autoscaler on a control node of a fleet: the app's requests go through a separate router ({@link RouterNode},
 * as {@code ferry router} runs), which has no store; its traffic reports reach the control node through Redis, whose
 * autoscaler (its reconciler leads: it is the only node) reads the p95 from them and adds an instance under load.
 */
class FleetAutoscaleTest {

    @TempDir
    Path dir;

    @Test
    void addsAnInstanceFromTheReportsOfASeparateRouter() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), false)) {
            FerryConfig shared = new FerryConfigResolver(Map.of(), dir.resolve("home"))
                    .resolve(Map.of("--registry", redis.uri()));
            try (Platform control = Platform.startControl(FerryConfig.ephemeral(dir.resolve("control")).toBuilder()
                         .httpPort(FerryConfig.OFF).registry(shared.registry()).build(),
                    RuntimePlatform.TUNING.withAutoscale(AutoscaleTest.FAST));
                 RouterNode router = RouterNode.start(routerConfig(shared, dir.resolve("router")),
                         RuntimePlatform.TUNING)) {
                org.junit.jupiter.api.Assumptions.assumeTrue(control.runtime().isPresent(), "no runtime in this build");
                String token = control.adminToken().token();
                Api api = new Api(control.apiPort(), router.httpPort(), token);
                assertThat(api.post("/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
                PythonApp app = PythonApp.create(dir.resolve("app"), dir.resolve("home"), token,
                        "/usr/bin/python3 slow.py").commit("slow.py", AutoscaleTest.SLOW_SERVER);
                Git.Result pushed = app.push("http://127.0.0.1:" + control.apiPort() + "/git/hello.git");
                assertThat(pushed.exit()).as(pushed.output()).isZero();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(api.viaRouter("hello.localhost", "/").statusCode()).isEqualTo(200));
                assertThat(api.put("/api/apps/hello/autoscale", "{\"processType\":\"web\",\"min\":1,\"max\":2,"
                        + "\"p95Ms\":300}").statusCode()).isEqualTo(200);

                try (RequestLoop load = new RequestLoop(router.httpPort(), "hello.localhost", 12)) {
                    await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() ->
                            new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                                    api.get("/api/apps/hello/formation").body()).path("web").asInt() == 2);
                    assertThat(load.failures()).isEmpty();
                }
                List<String> lines = control.appLogs().recent(AppName.of("hello"), 1000, Optional.empty()).stream()
                        .filter(l -> l.source().equals(LogLine.FERRY) && l.process().equals("autoscale"))
                        .map(LogLine::text).toList();
                assertThat(lines).first().asString().matches("autoscale: web 1→2, p95 \\d+ ms > 300 ms");
            }
        }
    }
}
