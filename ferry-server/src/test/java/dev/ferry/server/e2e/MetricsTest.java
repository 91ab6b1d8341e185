package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prometheus metrics of the router are served on the API port, to the admin's token only (they name every route). */
class MetricsTest {

    @TempDir
    Path dataDir;

    @Test
    void exposesRouterMetricsOnTheApiPort() throws Exception {
        try (Backend backend = Backend.start("m"); Platform platform = Platform.start(FerryConfig.ephemeral(dataDir))) {
            Api api = new Api(platform.apiPort(), platform.httpPort(), platform.adminToken().token());
            api.post("/api/routes", "{\"domain\":\"m.local\",\"targetUrl\":\"" + backend.url() + "\"}");
            for (int i = 0; i < 5; i++) {
                assertThat(api.viaRouter("m.local", "/").statusCode()).isEqualTo(200);
            }
            api.viaRouter("missing.local", "/");
            assertThat(api.unauthenticated("/metrics").statusCode()).isEqualTo(401);
            assertThat(api.unauthenticated("/metrics").body()).doesNotContain("m.local");
            String metrics = api.get("/metrics").body();
            assertThat(metrics).contains("ferry_router_requests_total").contains("m.local").contains("2xx")
                    .contains("ferry_router_request_duration_seconds_bucket")
                    .contains("ferry_router_connections_open")
                    .contains("ferry_router_routes");
        }
    }
}
