package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.core.store.AppName;
import dev.ferry.core.usage.UsageRecord;
import dev.ferry.core.usage.UtcDays;
import dev.ferry.testing.PlatformExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Usage records of a real app: requests and bytes counted through the real router, and the instance seconds of a
 * real instance equal to its process's lifetime, as the operating system tells it, to within a second.
 */
class UsageRecordsTest {

    private static final AppName HELLO = AppName.of("hello");

    @RegisterExtension
    final PlatformExtension<RuntimePlatform> platform = PlatformExtension.starting(RuntimePlatform::new);

    @TempDir
    java.nio.file.Path work;

    private RuntimePlatform ferry;

    @BeforeEach
    void prepare() throws Exception {
        ferry = platform.get();
        ferry.createApp("hello");
    }

    private List<UsageRecord> web() {
        ferry.platform.usage().flushNow();
        return ferry.platform.store().usage().usage(Optional.of(HELLO), UtcDays.of(Instant.now()).minusDays(1),
                Instant.now()).stream().filter(r -> r.processType().equals("web")).toList();
    }

    @Test
    void countsRouterTrafficAndTheInstanceLifetimeOfARealApp() throws Exception {
        PythonApp app = PythonApp.create(work.resolve("app"), work.resolve("home"), ferry.token);
        assertThat(app.push(ferry.remote("hello")).exit()).isZero();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(ferry.admin.viaRouter("hello.localhost", "/").statusCode()).isEqualTo(200));
        JsonNode ps = ferry.json("/api/apps/hello/ps");
        ProcessHandle process = ProcessHandle.of(ps.get(0).get("pid").asLong()).orElseThrow();
        Instant started = process.info().startInstant().orElseThrow();

        // the access log hands entries over on its own thread: wait until the requests so far are all counted
        long[] last = {-1};
        await().pollInterval(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10)).until(() -> {
            long now = web().stream().mapToLong(UsageRecord::requests).sum();
            boolean stable = now == last[0];
            last[0] = now;
            return stable;
        });
        long requestsBefore = last[0];
        long bytesBefore = web().stream().mapToLong(UsageRecord::bytesOut).sum();
        long bodyBytes = 0;
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = ferry.admin.viaRouter("hello.localhost", "/");
            assertThat(r.statusCode()).isEqualTo(200);
            bodyBytes += r.body().getBytes(StandardCharsets.UTF_8).length;
        }
        long expectedBytes = bodyBytes;
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            List<UsageRecord> after = web();
            assertThat(after.stream().mapToLong(UsageRecord::requests).sum() - requestsBefore).isEqualTo(10);
            assertThat(after.stream().mapToLong(UsageRecord::bytesOut).sum() - bytesBefore).isEqualTo(expectedBytes);
            assertThat(after).allSatisfy(r -> assertThat(r.tunnelRequests()).isZero());
        });

        assertThat(ferry.admin.get("/metrics").body())
                .contains("ferry_app_requests_total{app=\"hello\",process_type=\"web\",status=\"2xx\"}")
                .contains("ferry_app_request_duration_seconds_bucket{app=\"hello\",process_type=\"web\",le=\"0.005\"}")
                .contains("ferry_app_instances{app=\"hello\",process_type=\"web\"} 1.0");

        Thread.sleep(2000);
        assertThat(ferry.admin.patch("/api/apps/hello/formation", "{\"web\":0}").statusCode()).isEqualTo(200);
        process.onExit().get(30, TimeUnit.SECONDS);
        Instant stopped = Instant.now();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(ferry.json("/api/apps/hello/ps")).isEmpty());

        long lifetimeMillis = Duration.between(started, stopped).toMillis();
        long recorded = web().stream().mapToLong(UsageRecord::instanceSeconds).sum();
        assertThat(recorded * 1000).isCloseTo(lifetimeMillis, org.assertj.core.data.Offset.offset(1000L));
        Thread.sleep(1200);
        assertThat(web().stream().mapToLong(UsageRecord::instanceSeconds).sum())
                .as("a stopped instance counts no more").isEqualTo(recorded);
    }
}
