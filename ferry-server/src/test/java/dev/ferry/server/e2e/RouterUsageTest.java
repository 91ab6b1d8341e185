package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.server.Platform;
import dev.ferry.server.PlatformTuning;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.config.FerryConfigResolver;
import dev.ferry.store.route.RedisServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Usage records with separate roles: a {@code ferry router} in a child JVM, which has no store, reports each app's
 * requests and bytes through Redis, and the {@code ferry control} node writes them into its usage records, once.
 */
class RouterUsageTest {

    private static final String BODY = "backend a\n";

    @TempDir
    Path dir;

    @Test
    void recordsTheRequestsAndBytesASeparateRouterServed() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), false);
             Backend backend = Backend.start("a")) {
            FerryConfig shared = new FerryConfigResolver(Map.of(), dir.resolve("home"))
                    .resolve(Map.of("--registry", redis.uri()));
            try (Platform control = Platform.startControl(FerryConfig.ephemeral(dir.resolve("control")).toBuilder()
                         .httpPort(FerryConfig.OFF).registry(shared.registry()).build(), PlatformTuning.DEFAULT);
                 ChildRouter router = ChildRouter.start(dir.resolve("router"), redis.uri())) {
                Api api = new Api(control.apiPort(), router.httpPort, control.adminToken().token());
                assertThat(api.post("/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
                assertThat(api.post("/api/routes", "{\"domain\":\"hello.localhost\",\"targetUrl\":\"" + backend.url()
                        + "\",\"force\":true}").statusCode()).isEqualTo(201);
                AtomicInteger served = new AtomicInteger();
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        api.viaRouter("hello.localhost", "/").statusCode() == 200 && served.incrementAndGet() > 0);
                for (int i = 0; i < 24; i++) {
                    assertThat(api.viaRouter("hello.localhost", "/").body()).isEqualTo(BODY);
                    served.incrementAndGet();
                }
                assertThat(api.viaRouter("nobody.localhost", "/").statusCode()).as("no app: counted for nobody")
                        .isEqualTo(404);

                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                    JsonNode usage = new ObjectMapper().readTree(api.get("/api/usage?app=hello").body());
                    assertThat(usage).hasSize(1);
                    assertThat(usage.get(0).get("processType").asText()).isEqualTo("web");
                    assertThat(usage.get(0).get("requests").asLong()).isEqualTo(served.get());
                    assertThat(usage.get(0).get("bytesOut").asLong()).isEqualTo((long) served.get() * BODY.length());
                });
                Thread.sleep(2_500); // two more reads of the reports: nothing is recorded twice
                JsonNode again = new ObjectMapper().readTree(api.get("/api/usage?app=hello").body());
                assertThat(again.get(0).get("requests").asLong()).isEqualTo(served.get());
                assertThat(backend.requests()).isEqualTo(served.get());
            }
        }
    }
}
